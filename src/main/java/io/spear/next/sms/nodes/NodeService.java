package io.spear.next.sms.nodes;

import io.spear.next.registry.ClusterStats;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.Node;
import io.spear.next.registry.NodeFields;
import io.spear.next.registry.NodeNotFoundException;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.NodeResource;
import io.spear.next.registry.NodeResourceRegistry;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.NodeWithResource;
import io.spear.next.registry.Page;
import io.spear.next.registry.query.LabelSelector;
import io.spear.next.registry.query.NodeQuery;
import io.spear.next.registry.query.ReportFilter;
import io.spear.next.registry.query.ReportOrder;
import io.spear.next.registry.query.ResourceQuery;
import io.spear.next.sms.metrics.RegistryMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The node service: every call that REST and gRPC offer on nodes and their reports, in no
 * protocol's terms. It checks each command (bean constraints, field checks, bounds), applies the
 * list and paging policy, counts what the metrics show, and calls the registry. The adapters only
 * map wire forms to commands and results (or {@link ErrorKind}s) back.
 *
 * <p>Reads and the rare changes block: adapters call them off the event loop. Heartbeats and
 * reports do not: they are queued for the registry's writer, and the stage completes once the
 * write is durable, so no thread waits for them.
 */
@ApplicationScoped // a lazy proxy: the registry is first reached from a call, after startup opened it
public class NodeService {

    private final NodeRegistry nodes;
    private final NodeResourceRegistry resources;
    private final RegistryMetrics metrics;
    private final Validator validator;

    NodeService(NodeRegistry nodes, NodeResourceRegistry resources, RegistryMetrics metrics, Validator validator) {
        this.nodes = nodes;
        this.resources = resources;
        this.metrics = metrics;
        this.validator = validator;
    }

    public Node register(RegisterNode command) {
        Node node = nodes.register(valid(command).toRegistration());
        metrics.registered();
        return node;
    }

    /**
     * Registers the node, or registers a known uuid again ({@link NodeRegistry#submitRegisterOrRenew}),
     * checked, then queued as heartbeats are: completes once durable, or with the error.
     */
    public CompletionStage<NodeRegistry.Registration> registerOrRenew(RegisterNode command) {
        return queued(() -> nodes.submitRegisterOrRenew(valid(command).toRegistration()))
                .thenApply(registration -> {
                    metrics.registered();
                    return registration;
                });
    }

    public Optional<Node> get(String uuid) {
        return nodes.get(uuid);
    }

    /** The node; {@link NodeNotFoundException} when there is none. */
    public Node require(String uuid) {
        return get(uuid).orElseThrow(() -> new NodeNotFoundException(NodeRegistry.canonicalUuid(uuid)));
    }

    /**
     * Replaces the node's description with the command's (its uuid is not read), its status made
     * one of {@code statuses} (empty: as it is); with {@code expectedRevision} only if the node is
     * still at it.
     */
    public Node replace(
            String uuid, RegisterNode description, Set<NodeStatus> statuses, OptionalLong expectedRevision) {
        return nodes.replace(uuid, valid(description).toRegistration(), statuses, expectedRevision);
    }

    /** Applies the command's fields; with {@code expectedRevision} only if the node is still at it. */
    public Node update(String uuid, UpdateNode command, OptionalLong expectedRevision) {
        return nodes.update(uuid, valid(command).toUpdate(), expectedRevision);
    }

    public void remove(String uuid) {
        if (!nodes.remove(uuid)) {
            throw new NodeNotFoundException(NodeRegistry.canonicalUuid(uuid));
        }
    }

    /** A heartbeat, checked, then queued: completes once durable, or with the error (never throws). */
    public CompletionStage<Node> heartbeat(String uuid, Heartbeat beat) {
        return queued(() -> nodes.submitHeartbeat(uuid, beat.healthInfo(), beat.checkedReport()))
                .thenApply(stored -> {
                    metrics.heartbeat();
                    return stored;
                });
    }

    /** A report on its own, checked, then queued: completes once durable, or with the error. */
    public CompletionStage<NodeResource> report(String uuid, Report report) {
        return queued(() -> resources.submitUpdate(uuid, Report.checked(report)));
    }

    public Optional<NodeResource> resource(String uuid) {
        return resources.get(uuid);
    }

    /** The node's report; {@link ResourceNotFoundException} when the node has none. */
    public NodeResource requireResource(String uuid) {
        NodeWithResource both = withResource(uuid).orElseThrow(() -> new NodeNotFoundException(uuid));
        if (both.resource() == null) {
            throw new ResourceNotFoundException(uuid);
        }
        return both.resource();
    }

    public Optional<NodeWithResource> withResource(String uuid) {
        return resources.nodeWithResource(uuid);
    }

    /**
     * Nodes with one of the statuses (empty: any) that the selector selects, in uuid order: one page of {@code
     * pageSize} (1 to {@link Limits#MAX_PAGE}), or with 0 all of them up to {@link
     * Limits#UNPAGED_MAX}.
     */
    public Page<NodeFields> listNodes(
            Set<NodeStatus> statuses, LabelSelector selector, int pageSize, String pageToken) {
        return pages(
                pageSize,
                pageToken,
                "nodes",
                (limit, token) -> nodes.list(new NodeQuery(statuses, selector, limit, token)));
    }

    /**
     * Reports of the given nodes (up to {@link Limits#NODE_UUIDS}), of high-load nodes, of the nodes
     * the selector selects, that the filter passes, or of all (every condition given holds); paged
     * as {@link #listNodes}, or with an {@code order} the first {@code pageSize} in that order (0: up
     * to {@link Limits#UNPAGED_MAX}), in one page.
     */
    public Page<NodeResource> listResources(
            List<String> nodeUuids,
            boolean highLoadOnly,
            LabelSelector selector,
            ReportFilter filter,
            ReportOrder order,
            int pageSize,
            String pageToken) {
        if (nodeUuids.size() > Limits.NODE_UUIDS) {
            throw new InvalidFieldException(
                    "node_uuid", "at most " + Limits.NODE_UUIDS + " uuids, got " + nodeUuids.size());
        }
        PageReader<NodeResource> reader = (limit, token) ->
                resources.list(new ResourceQuery(nodeUuids, highLoadOnly, selector, filter, order, limit, token));
        if (order != null) {
            checkPageSize(pageSize);
            return reader.read(pageSize == 0 ? Limits.UNPAGED_MAX : pageSize, emptyAsNull(pageToken));
        }
        return pages(pageSize, pageToken, "reports", reader);
    }

    public ClusterStats stats() {
        return nodes.clusterStats();
    }

    private <T> Page<T> pages(int pageSize, String pageToken, String what, PageReader<T> reader) {
        checkPageSize(pageSize);
        String token = emptyAsNull(pageToken);
        if (pageSize > 0) {
            return reader.read(pageSize, token);
        }
        List<T> all = new ArrayList<>();
        do {
            Page<T> page = reader.read(Limits.MAX_PAGE, token);
            all.addAll(page.items());
            token = page.nextPageToken();
            if (all.size() > Limits.UNPAGED_MAX) {
                throw new TooManyItemsException(what, "more than " + Limits.UNPAGED_MAX);
            }
        } while (token != null);
        return new Page<>(all, null);
    }

    private static void checkPageSize(int pageSize) {
        if (pageSize < 0 || pageSize > Limits.MAX_PAGE) {
            throw new InvalidFieldException(
                    "page_size",
                    "must be from 1 to " + Limits.MAX_PAGE + " (0: every one, up to " + Limits.UNPAGED_MAX + "), got "
                            + pageSize);
        }
    }

    private static String emptyAsNull(String pageToken) {
        return pageToken == null || pageToken.isEmpty() ? null : pageToken;
    }

    @FunctionalInterface
    private interface PageReader<T> {
        Page<T> read(int limit, String token);
    }

    /** A queued change; its checks' errors (and a full queue) as a failed stage, like the write's own. */
    private static <T> CompletionStage<T> queued(Supplier<CompletableFuture<T>> submit) {
        try {
            return submit.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private <T> T valid(T command) {
        if (command == null) {
            throw new InvalidFieldException("body", "must not be null");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(command);
        if (!violations.isEmpty()) {
            throw InvalidFieldsException.of(violations);
        }
        return command;
    }
}
