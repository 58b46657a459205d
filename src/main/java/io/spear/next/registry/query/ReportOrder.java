package io.spear.next.registry.query;

import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeResource;
import java.util.Comparator;

/**
 * The order of a sorted report listing: one report figure (by its JSON name, as {@link
 * ReportFilter#FIELDS} has them), ascending or descending; ties in uuid order.
 */
public record ReportOrder(String figure, boolean descending) implements Comparator<NodeResource> {

    public ReportOrder {
        if (!ReportFilter.FIELDS.containsKey(figure)) {
            throw new InvalidFieldException(
                    "sort",
                    "'" + figure + "' is not a report figure; one of "
                            + String.join(", ", ReportFilter.FIELDS.keySet()));
        }
    }

    @Override
    public int compare(NodeResource a, NodeResource b) {
        double x = ReportFilter.FIELDS.get(figure).applyAsDouble(a);
        double y = ReportFilter.FIELDS.get(figure).applyAsDouble(b);
        int byFigure = descending ? Double.compare(y, x) : Double.compare(x, y);
        return byFigure != 0 ? byFigure : a.nodeUuid().compareTo(b.nodeUuid());
    }
}
