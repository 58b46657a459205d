package io.spear.next.registry.query;

import io.spear.next.registry.NodeResource;
import io.spear.next.registry.NodeResource.Figure;
import java.util.Comparator;

/** The order of a sorted report listing: one report figure, ascending or descending; ties in uuid order. */
public record ReportOrder(Figure figure, boolean descending) implements Comparator<NodeResource> {

    @Override
    public int compare(NodeResource a, NodeResource b) {
        double x = figure.of(a);
        double y = figure.of(b);
        int byFigure = descending ? Double.compare(y, x) : Double.compare(x, y);
        return byFigure != 0 ? byFigure : a.nodeUuid().compareTo(b.nodeUuid());
    }
}
