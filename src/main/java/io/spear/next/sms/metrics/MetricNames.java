package io.spear.next.sms.metrics;

/** Every metric and tag name the service publishes, in one place. Tags never carry request data. */
public final class MetricNames {

    /** Timer of KvStore calls, tagged {@link #OPERATION} and {@link #BACKEND}. */
    public static final String KV_OPERATIONS = "sms.kv.operations";

    public static final String KV_ESTIMATED_KEYS = "sms.kv.estimated.keys";
    public static final String KV_DATA_BYTES = "sms.kv.data.bytes";
    public static final String KV_SST_BYTES = "sms.kv.sst.bytes";
    public static final String KV_MEMTABLE_BYTES = "sms.kv.memtable.bytes";
    public static final String KV_BLOCK_CACHE_BYTES = "sms.kv.block.cache.bytes";
    public static final String KV_PENDING_COMPACTION_BYTES = "sms.kv.pending.compaction.bytes";

    public static final String REGISTRATIONS = "sms.registrations";
    public static final String HEARTBEATS = "sms.heartbeats";
    /** Gauge tagged {@link #STATUS}. */
    public static final String NODES = "sms.nodes";

    public static final String CONFLICTS = "sms.registry.conflicts";
    /** Gauge: changes waiting for the registry's writer (refused with 503 at its capacity). */
    public static final String WRITE_QUEUE = "sms.registry.write.queue";

    public static final String SWEEPER_DURATION = "sms.sweeper.duration";
    public static final String SWEEPER_MARKED_UNHEALTHY = "sms.sweeper.marked.unhealthy";
    public static final String SWEEPER_REPORTS_DROPPED = "sms.sweeper.reports.dropped";
    public static final String SWEEPER_NODES_REMOVED = "sms.sweeper.nodes.removed";
    /** Gauge: 1 while the readiness check is UP, 0 while it is DOWN. */
    public static final String READY = "sms.ready";
    /** Counter tagged {@link #REASON}: watchers disconnected because they could not keep up. */
    public static final String WATCH_DROPPED = "sms.watch.dropped";

    public static final String WATCH_CONSUMERS = "sms.watch.consumers";

    public static final String OPERATION = "operation";
    public static final String STATUS = "status";
    public static final String BACKEND = "backend";
    public static final String REASON = "reason";
    /** Failed calls carry the exception's simple class name (a handful of values), never a message. */
    public static final String OUTCOME = "outcome";

    private MetricNames() {}
}
