package io.spear.next.registry;

import io.spear.next.registry.format.NodeState;
import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.registry.format.StoredForm;
import io.spear.next.registry.query.LabelSelector;
import io.spear.next.registry.query.ReportOrder;
import io.spear.next.registry.query.ResourceQuery;
import io.spear.next.registry.read.IndexRanges;
import io.spear.next.registry.read.NodePager;
import io.spear.next.registry.write.Transition;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.RangeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Resource reports: the latest one of each node ({@code resource:{uuid}}). A report for a node
 * that is not registered is refused, also when the node is removed while the report is written.
 * A view of the {@link Registry}'s engine.
 */
public final class NodeResourceRegistry {

    /** Reports read at a time while a sorted listing looks for its first ones. */
    private static final int SCAN_PAGE = 1000;

    /** Nodes with a label up to which a sorted listing reads all of their reports (about 10 ms). */
    private static final int FEW_LABELLED = 2000;

    private final RegistryEngine engine;

    NodeResourceRegistry(RegistryEngine engine) {
        this.engine = engine;
    }

    /** Stores the node's latest report, stamped with the node's uuid and the current time. */
    public NodeResource update(String uuid, NodeResource report) {
        return RegistryEngine.await(submitUpdate(uuid, report));
    }

    /** As {@link #update}, without waiting (see {@link NodeRegistry#submitHeartbeat}). */
    public CompletableFuture<NodeResource> submitUpdate(String uuid, NodeResource report) {
        String id = NodeRegistry.canonicalUuid(uuid);
        long now = engine.now();
        return engine.submit(id, state -> {
            NodeState reported = NodeRegistry.existing(state).reported(report, now);
            return new Transition<>(reported, reported.reportView());
        });
    }

    public Optional<NodeResource> get(String uuid) {
        return engine.report(NodeRegistry.canonicalUuid(uuid));
    }

    /** Drops the node's report; false if it had none. */
    public boolean remove(String uuid) {
        String id = NodeRegistry.canonicalUuid(uuid);
        return engine.transact(
                id,
                state -> state.report() == null
                        ? new Transition<>(state, false)
                        : new Transition<>(state.withoutReport(), true));
    }

    /** The node and its report (null when it has none); empty when the node is not registered. */
    public Optional<NodeWithResource> nodeWithResource(String uuid) {
        NodeState state = engine.state(NodeRegistry.canonicalUuid(uuid));
        return state.exists() ? Optional.of(new NodeWithResource(state.view(), state.reportView())) : Optional.empty();
    }

    /**
     * One page of reports, in uuid order: of the given nodes, of high-load nodes, of the nodes the
     * selector selects (walking the indexes of a label it requires one of a few values of), or of all; every
     * condition given holds.
     */
    public Page<NodeResource> list(ResourceQuery query) {
        if (query.order() != null) {
            return first(query);
        }
        if (!query.nodeUuids().isEmpty()) {
            return listOf(query);
        }
        return page(query, ranges(query));
    }

    /** The index ranges that hold what the query selects: the high-load entries, a few labels' entries, or none (every report). */
    private Optional<IndexRanges> ranges(ResourceQuery query) {
        return query.highLoadOnly()
                ? Optional.of(IndexRanges.of(RegistryKeys.HIGH_LOAD))
                : IndexRanges.ofLabels(query.selector(), engine.store);
    }

    /** One page of the reports the query selects, walking {@code ranges} (resolved by {@link #ranges}). */
    private Page<NodeResource> page(ResourceQuery query, Optional<IndexRanges> ranges) {
        if (ranges.isPresent()) {
            return engine.pager.page(
                    ranges.get(),
                    query.pageToken(),
                    query.limit(),
                    false,
                    entries -> selected(reports(NodePager.uuidsOf(entries)), query));
        }
        return engine.pager.page(RegistryKeys.RESOURCE, query.pageToken(), query.limit(), true, records -> {
            List<Optional<NodeResource>> reports = new ArrayList<>(records.size());
            for (KvPair record : records) {
                reports.add(Optional.of(StoredForm.report(StoredForm.parseReport(record.value()))));
            }
            return selected(reports, query);
        });
    }

    /** High-load reports (see {@link HighLoadThresholds}), one page at a time. */
    public Page<NodeResource> highLoad(int limit, String pageToken) {
        return list(new ResourceQuery(List.of(), true, null, limit, pageToken));
    }

    /** The reports of these nodes, in one multi-get; empty where there is none. */
    private List<Optional<NodeResource>> reports(List<String> uuids) {
        List<String> keys = new ArrayList<>(uuids.size());
        uuids.forEach(uuid -> keys.add(RegistryKeys.resource(uuid)));
        List<Optional<NodeResource>> reports = new ArrayList<>(uuids.size());
        for (Optional<byte[]> report : engine.store.getAll(keys)) {
            reports.add(report.map(bytes -> StoredForm.report(StoredForm.parseReport(bytes))));
        }
        return reports;
    }

    /**
     * The first {@code limit} reports the query selects, in its order. One page: there is no next
     * one. An indexed figure's entries are walked in its order (a report's entry moves with each of
     * its reports), reading reports a batch at a time until {@code limit} pass; otherwise every
     * report the query selects is read, a page at a time, and the best kept.
     */
    private Page<NodeResource> first(ResourceQuery query) {
        if (query.pageToken() != null) {
            throw new InvalidFieldException(
                    "page_token", "a sorted listing is one page (its first limit reports), " + "with no next one");
        }
        // resolved once: both the choice of walk and the pages of an unindexed one use them
        Optional<IndexRanges> ranges = query.nodeUuids().isEmpty() ? ranges(query) : Optional.empty();
        boolean indexed = engine.figuresIndexed
                && RegistryKeys.INDEXED_FIGURES.contains(query.order().figure())
                && query.nodeUuids().isEmpty()
                && !query.highLoadOnly()
                && !fewLabelled(ranges);
        List<NodeResource> items = indexed ? byFigure(query) : everySelected(query, ranges);
        items.sort(query.order());
        return new Page<>(items.subList(0, Math.min(items.size(), query.limit())), null);
    }

    /**
     * Whether the selector requires a label that few nodes have ({@code labels}: its ranges): then
     * reading all of their reports costs less than walking a figure's order, where they may be far
     * apart.
     */
    private boolean fewLabelled(Optional<IndexRanges> labels) {
        if (labels.isEmpty()) {
            return false;
        }
        int seen = 0;
        for (String prefix : labels.get().prefixes()) {
            try (KvCursor cursor = engine.store.cursor(RangeOptions.prefix(prefix))) {
                while (cursor.next()) {
                    if (++seen > FEW_LABELLED) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The first reports that pass, walking the figure's entries ({@code figure:uuid}) in the
     * order's direction. Ties go in uuid order: an ascending walk meets them so; a descending one
     * meets them backwards, so the last figure's ties are walked again, forwards.
     */
    private List<NodeResource> byFigure(ResourceQuery query) {
        ReportOrder order = query.order();
        String prefix = RegistryKeys.figurePrefix(order.figure());
        RangeOptions entries = RangeOptions.prefix(prefix);
        List<Passed> found = passing(order.descending() ? entries.reversed() : entries, query, query.limit());
        if (order.descending() && found.size() == query.limit()) {
            String last = found.get(found.size() - 1).figure();
            found.removeIf(passed -> passed.figure().equals(last));
            found.addAll(passing(RangeOptions.prefix(prefix + last + ":"), query, query.limit() - found.size()));
        }
        List<NodeResource> reports = new ArrayList<>(found.size());
        found.forEach(passed -> reports.add(passed.report()));
        return reports;
    }

    /** A report that passed, with the figure its entry has. */
    private record Passed(String figure, NodeResource report) {}

    /** The first {@code want} reports the query passes of those whose figure entries {@code range} walks. */
    private List<Passed> passing(RangeOptions range, ResourceQuery query, int want) {
        List<Passed> found = new ArrayList<>();
        try (KvCursor cursor = engine.store.cursor(range)) {
            List<String> batch = new ArrayList<>();
            boolean more = true;
            while (more && found.size() < want) {
                batch.clear();
                int size = Math.min(SCAN_PAGE, Math.max(16, 2 * (want - found.size())));
                while (batch.size() < size && (more = cursor.next())) {
                    batch.add(cursor.key());
                }
                List<String> uuids = new ArrayList<>(batch.size());
                batch.forEach(entry -> uuids.add(RegistryKeys.uuidOf(entry)));
                List<Optional<NodeResource>> passed = selected(reports(uuids), query);
                for (int i = 0; i < batch.size() && found.size() < want; i++) {
                    if (passed.get(i).isPresent()) {
                        found.add(new Passed(
                                RegistryKeys.sortableOf(batch.get(i)),
                                passed.get(i).get()));
                    }
                }
            }
        }
        return found;
    }

    /**
     * Every report the query selects, read a page at a time over {@code ranges} (see {@link
     * #ranges}; unused for a query of given nodes); the first {@code limit} in its order kept.
     */
    private List<NodeResource> everySelected(ResourceQuery query, Optional<IndexRanges> ranges) {
        PriorityQueue<NodeResource> best = new PriorityQueue<>(query.order().reversed()); // the last kept on top
        String token = null;
        do {
            ResourceQuery unsorted = query.unsorted(SCAN_PAGE, token);
            Page<NodeResource> page = unsorted.nodeUuids().isEmpty() ? page(unsorted, ranges) : listOf(unsorted);
            for (NodeResource report : page.items()) {
                best.add(report);
                if (best.size() > query.limit()) {
                    best.poll();
                }
            }
            token = page.nextPageToken();
        } while (token != null);
        return new ArrayList<>(best);
    }

    /** The reports the query's filter passes, of nodes its selector selects (which reads their labels). */
    private List<Optional<NodeResource>> selected(List<Optional<NodeResource>> all, ResourceQuery query) {
        List<Optional<NodeResource>> reports = new ArrayList<>(all.size());
        all.forEach(report -> reports.add(report.filter(query.filter()::matches)));
        LabelSelector selector = query.selector();
        if (selector.isEmpty()) {
            return reports;
        }
        List<String> uuids = new ArrayList<>(reports.size());
        reports.forEach(report -> uuids.add(report.map(NodeResource::nodeUuid).orElse(null)));
        List<Optional<Map<String, String>>> labels = engine.labels(uuids);
        List<Optional<NodeResource>> selected = new ArrayList<>(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            selected.add(labels.get(i).filter(selector::matches).isPresent() ? reports.get(i) : Optional.empty());
        }
        return selected;
    }

    private Page<NodeResource> listOf(ResourceQuery query) {
        TreeSet<String> uuids = new TreeSet<>();
        query.nodeUuids().forEach(uuid -> uuids.add(NodeRegistry.canonicalUuid(uuid)));
        String last = engine.pager.lastKeyOf(RegistryKeys.RESOURCE, query.pageToken());
        List<NodeResource> items = new ArrayList<>();
        for (String uuid : last == null ? uuids : uuids.tailSet(RegistryKeys.uuidOf(last), false)) {
            Optional<NodeResource> report =
                    selected(List.of(engine.report(uuid)), query).get(0);
            if (report.isEmpty()) {
                continue;
            }
            if (items.size() == query.limit()) {
                return new Page<>(
                        items,
                        engine.pager.tokenFor(RegistryKeys.resource(
                                items.get(items.size() - 1).nodeUuid())));
            }
            items.add(report.get());
        }
        return new Page<>(items, null);
    }
}
