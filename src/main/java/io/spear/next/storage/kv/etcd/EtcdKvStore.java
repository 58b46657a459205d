package io.spear.next.storage.kv.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvConfigException;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvElection;
import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.KvHistory;
import io.spear.next.storage.kv.KvLimitException;
import io.spear.next.storage.kv.KvLimits;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvOutcomeUnknownException;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStats;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreClosedException;
import io.spear.next.storage.kv.KvUnavailableException;
import io.spear.next.storage.kv.RangeOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A {@link KvStore} on an etcd cluster (jetcd), every key under the configured namespace. Several
 * processes may open the same namespace: writes are etcd transactions, so compare-and-set holds
 * across them. etcd's limits shape the contract ({@link #limits()}): one transaction takes at most
 * {@code max-txn-ops} operations and {@code max-request-bytes}; batches larger than that are split,
 * a larger single write is refused before anything is applied. Every call waits at most
 * {@code request-timeout}; a write that times out has an unknown outcome
 * ({@link io.spear.next.storage.kv.KvOutcomeUnknownException}). Also a {@link KvHistory}: etcd's
 * revisions and watches.
 */
public final class EtcdKvStore implements KvStore, KvHistory, KvElection {

    /** Keys a cursor reads per round trip. */
    static final int PAGE = 500;
    /** What etcd adds to a request per operation beyond its key and value (a generous bound). */
    private static final int OP_OVERHEAD = 32;
    private static final ByteSequence ZERO = ByteSequence.from(new byte[] {0});

    private final EtcdSettings settings;
    private final Client client;
    private final KV kv;
    private final EtcdErrors errors;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile Failure writeFailure;
    private volatile Stats lastStats;

    private record Stats(KvStats stats, long at) {
    }

    /** Why the last write failed, and when (System.nanoTime()). */
    private record Failure(String reason, long at) {
    }

    /** How long a failed write keeps readiness down with no later write to say otherwise. */
    static final Duration WRITE_FAILURE_MEMORY = Duration.ofSeconds(10);

    static final Duration STATS_MAX_AGE = Duration.ofSeconds(5);

    private EtcdKvStore(EtcdSettings settings, Client client) {
        this.settings = settings;
        this.client = client;
        this.kv = client.getKVClient();
        this.errors = new EtcdErrors(settings);
    }

    /** Connects to the cluster and checks that it answers a read within the connect timeout. */
    public static EtcdKvStore open(EtcdSettings settings) {
        ClientBuilder builder = Client.builder()
                .endpoints(settings.endpoints().toArray(new URI[0]))
                .namespace(ByteSequence.from(settings.namespace(), UTF_8))
                .connectTimeout(settings.connectTimeout())
                .keepaliveTime(Duration.ofSeconds(10))
                .keepaliveTimeout(Duration.ofSeconds(5))
                // a page of values can be large; etcd's own bound is its request size per value
                .maxInboundMessageSize(256 << 20);
        settings.user().ifPresent(user -> builder.user(ByteSequence.from(user, UTF_8)));
        settings.password().ifPresent(password -> builder.password(ByteSequence.from(password, UTF_8)));
        if (settings.tls()) {
            try {
                builder.sslContext(ssl -> {
                    settings.tlsCaFile().ifPresent(ca -> ssl.trustManager(ca.toFile()));
                    settings.tlsCertFile().ifPresent(cert -> ssl.keyManager(cert.toFile(), settings.tlsKeyFile().orElseThrow().toFile()));
                });
            } catch (java.io.IOException | IllegalArgumentException e) { // SSLException: a bad certificate or key file
                throw new KvConfigException("cannot set up TLS to etcd at " + settings.describe() + ": "
                        + e.getMessage());
            }
        }
        EtcdKvStore store = new EtcdKvStore(settings, builder.build());
        try {
            store.await("connect", () -> store.kv.get(ZERO), false, settings.connectTimeout());
        } catch (KvException e) {
            store.close();
            throw new KvUnavailableException("cannot open the etcd store: " + e.getMessage()
                    + "; check kv.etcd.endpoints and that a majority of the members runs", e);
        }
        return store;
    }

    public EtcdSettings settings() {
        return settings;
    }

    @Override
    public KvBackend backend() {
        return KvBackend.ETCD;
    }

    @Override
    public Optional<Path> path() {
        return Optional.empty();
    }

    @Override
    public KvLimits limits() {
        return new KvLimits(settings.maxTxnOps(), settings.maxRequestBytes());
    }

    @Override
    public Optional<byte[]> get(String key) {
        Keys.requireValid(key);
        GetResponse response = read("get " + key, () -> kv.get(bytes(key)));
        return response.getKvs().isEmpty() ? Optional.empty() : Optional.of(response.getKvs().get(0).getValue().getBytes());
    }

    @Override
    public List<Optional<byte[]>> getAll(List<String> keys) {
        return getAll(keys, false);
    }

    /** Serializable: the member's own state, no ReadIndex round (a read-only transaction of such gets is served locally). */
    @Override
    public List<Optional<byte[]>> getAllForUpdate(List<String> keys) {
        return getAll(keys, true);
    }

    private List<Optional<byte[]>> getAll(List<String> keys, boolean serializable) {
        keys.forEach(Keys::requireValid);
        ensureOpen();
        List<Optional<byte[]>> values = new ArrayList<>(keys.size());
        long revision = 0;
        for (int from = 0; from < keys.size(); from += settings.maxTxnOps()) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + settings.maxTxnOps()));
            GetOption.Builder builder = GetOption.builder().withSerializable(serializable);
            if (revision > 0) {
                builder.withRevision(revision);
            }
            GetOption option = builder.build();
            Op[] gets = chunk.stream().map(key -> (Op) Op.get(bytes(key), option)).toArray(Op[]::new);
            TxnResponse response = read("get " + chunk.size() + " keys", () -> kv.txn().Then(gets).commit());
            revision = response.getHeader().getRevision(); // later chunks read the same state
            for (GetResponse get : response.getGetResponses()) {
                values.add(get.getKvs().isEmpty() ? Optional.empty() : Optional.of(get.getKvs().get(0).getValue().getBytes()));
            }
        }
        return values;
    }

    @Override
    public void put(String key, byte[] value) {
        KvMutation put = KvMutation.put(key, value);
        checkLimits(List.of(), List.of(put));
        write("put " + key, () -> kv.put(bytes(key), ByteSequence.from(value)));
    }

    @Override
    public boolean delete(String key) {
        Keys.requireValid(key);
        return write("delete " + key, () -> kv.delete(bytes(key))).getDeleted() > 0;
    }

    @Override
    public void write(List<KvMutation> mutations) {
        List<KvMutation> changes = lastPerKey(mutations);
        if (changes.isEmpty()) {
            ensureOpen();
            return;
        }
        checkLimits(List.of(), changes);
        Op[] ops = ops(changes);
        write("write of " + changes.size() + " keys", () -> kv.txn().Then(ops).commit());
    }

    @Override
    public boolean writeIf(List<KvCondition> conditions, List<KvMutation> mutations) {
        return writeIfOrRead(conditions, mutations, List.of()).isEmpty();
    }

    @Override
    public Optional<List<Optional<byte[]>>> writeIfOrRead(List<KvCondition> conditions, List<KvMutation> mutations,
            List<String> readOnRefusal) {
        List<KvMutation> changes = lastPerKey(mutations);
        checkLimits(conditions, changes);
        if (readOnRefusal.size() > settings.maxTxnOps()) {
            throw new KvLimitException("a refused write can read at most " + settings.maxTxnOps() + " keys back, got "
                    + readOnRefusal.size());
        }
        Cmp[] cmps = conditions.stream().map(EtcdKvStore::cmp).toArray(Cmp[]::new);
        Op[] ops = ops(changes);
        Op[] reads = readOnRefusal.stream().map(key -> (Op) Op.get(bytes(key), GetOption.DEFAULT)).toArray(Op[]::new);
        TxnResponse response = write("conditional write of " + changes.size() + " keys",
                () -> kv.txn().If(cmps).Then(ops).Else(reads).commit());
        if (response.isSucceeded()) {
            return Optional.empty();
        }
        List<Optional<byte[]>> values = new ArrayList<>(reads.length);
        for (GetResponse get : response.getGetResponses()) {
            values.add(get.getKvs().isEmpty() ? Optional.empty() : Optional.of(get.getKvs().get(0).getValue().getBytes()));
        }
        return Optional.of(values);
    }

    /** Writes in transactions of at most {@link #limits()} each: atomic per transaction, not as a whole. */
    @Override
    public void batchPut(List<KvPair> pairs) {
        List<KvMutation> puts = new ArrayList<>(pairs.size());
        for (KvPair pair : pairs) {
            puts.add(KvMutation.put(pair.key(), pair.value())); // a null entry fails here, before any write
        }
        for (List<KvMutation> chunk : chunks(lastPerKey(puts))) {
            write(chunk);
        }
    }

    @Override
    public int batchDelete(List<String> keys) {
        List<KvMutation> deletes = new ArrayList<>(keys.size());
        for (String key : new LinkedHashSet<>(keys)) {
            deletes.add(KvMutation.delete(key));
        }
        ensureOpen();
        int deleted = 0;
        for (List<KvMutation> chunk : chunks(deletes)) {
            Op[] ops = ops(chunk);
            TxnResponse response = write("delete of " + chunk.size() + " keys", () -> kv.txn().Then(ops).commit());
            for (var delete : response.getDeleteResponses()) {
                deleted += (int) delete.getDeleted();
            }
        }
        return deleted;
    }

    @Override
    public KvCursor cursor(RangeOptions options) {
        ensureOpen();
        return new EtcdCursor(this, options);
    }

    /** One page of a cursor: keys in [start, end) (null end: to the namespace's end), at a revision (0: now). */
    GetResponse page(String start, String end, int limit, boolean descending, long revision) {
        GetOption.Builder option = GetOption.builder()
                .withRange(end == null ? ZERO : bytes(end))
                .withLimit(limit)
                .withSortField(GetOption.SortTarget.KEY)
                .withSortOrder(descending ? GetOption.SortOrder.DESCEND : GetOption.SortOrder.ASCEND);
        if (revision > 0) {
            option.withRevision(revision);
        }
        GetOption built = option.build();
        return read("range read", () -> kv.get(start == null ? ZERO : bytes(start), built));
    }

    @Override
    public long count() {
        return read("count", () -> kv.get(ZERO, GetOption.builder().withRange(ZERO).withCountOnly(true).build())).getCount();
    }

    /** Deletes every key of the namespace in one request (atomic). */
    @Override
    public void clear() {
        write("clear", () -> kv.delete(ZERO, DeleteOption.builder().withRange(ZERO).build()));
    }

    /**
     * The namespace's key count and the database size one member reports (0 when it does not
     * answer), at most {@link #STATS_MAX_AGE} old: counting walks etcd's whole key index, and
     * every metrics scrape and readiness probe asks.
     */
    @Override
    public KvStats stats() {
        ensureOpen();
        Stats cached = lastStats;
        if (cached != null && System.nanoTime() - cached.at() < STATS_MAX_AGE.toNanos()) {
            return cached.stats();
        }
        KvStats stats = freshStats();
        lastStats = new Stats(stats, System.nanoTime());
        return stats;
    }

    private KvStats freshStats() {
        long keys = count();
        long dbSize = 0;
        for (URI endpoint : settings.endpoints()) {
            try {
                dbSize = client.getMaintenanceClient().statusMember(endpoint.toString())
                        .get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS).getDbSize();
                break;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    break;
                }
                // try the next member
            }
        }
        return new KvStats(keys, dbSize, 0, 0, 0);
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    /**
     * Why writes failed lately (etcd out of space, say), for at most {@link #WRITE_FAILURE_MEMORY}
     * after the last failure: with readiness down no traffic arrives to prove writes work again.
     * A cluster without quorum is not reported here: the readiness read finds it by itself.
     */
    @Override
    public Optional<String> writeFailure() {
        Failure failure = writeFailure;
        return failure == null || System.nanoTime() - failure.at() > WRITE_FAILURE_MEMORY.toNanos()
                ? Optional.empty()
                : Optional.of(failure.reason());
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            client.close();
        }
    }

    // --- history -------------------------------------------------------------------------------

    @Override
    public long revision() {
        return read("revision", () -> kv.get(ZERO)).getHeader().getRevision();
    }

    @Override
    public KvHistory.Watch watch(String prefix, long afterRevision, Listener listener) {
        ensureOpen();
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(afterRevision + 1).build();
        io.etcd.jetcd.Watch.Watcher watcher = client.getWatchClient().watch(bytes(prefix), option, io.etcd.jetcd.Watch.listener(response -> {
            List<Change> changes = new ArrayList<>(response.getEvents().size());
            for (WatchEvent event : response.getEvents()) {
                KeyValue kv = event.getKeyValue();
                changes.add(new Change(kv.getKey().toString(UTF_8),
                        event.getEventType() == WatchEvent.EventType.DELETE ? null : kv.getValue().getBytes(),
                        kv.getModRevision()));
            }
            if (!changes.isEmpty()) { // the watch's created notice carries none
                listener.onChanges(changes);
            }
        }, error -> {
            if (error instanceof CompactedException compacted) {
                listener.onCompacted(compacted.getCompactedRevision());
            } else if (open.get()) {
                listener.onError(errors.of("watch of " + prefix, error, false));
            }
        }));
        return watcher::close;
    }

    @Override
    public long newestRevision(String prefix) {
        GetOption newest = GetOption.builder().isPrefix(true).withKeysOnly(true).withLimit(1)
                .withSortField(GetOption.SortTarget.MOD).withSortOrder(GetOption.SortOrder.DESCEND).build();
        List<KeyValue> kvs = read("newest revision under " + prefix, () -> kv.get(bytes(prefix), newest)).getKvs();
        return kvs.isEmpty() ? 0 : kvs.get(0).getModRevision();
    }

    @Override
    public void compact(long revision) {
        try {
            write("compaction to revision " + revision, () -> kv.compact(revision));
        } catch (KvException e) {
            String cause = String.valueOf(e.getCause() == null ? null : e.getCause().getMessage());
            if (!(e.getCause() instanceof CompactedException) && !cause.contains("compacted")) {
                throw e;
            } // already compacted as far or further: nothing to do
        }
    }

    @Override
    public Candidacy campaign(String key, String candidate, Duration ttl) {
        ensureOpen();
        Keys.requireValid(key);
        if (ttl.toSeconds() < 2) {
            throw new IllegalArgumentException("an etcd lease lasts whole seconds, at least 2: got " + ttl);
        }
        return new EtcdLeaseLock(client, key, candidate, ttl);
    }

    // --- calls ---------------------------------------------------------------------------------

    private <T> T read(String what, Supplier<CompletableFuture<T>> call) {
        return await(what, call, false, settings.requestTimeout());
    }

    private <T> T write(String what, Supplier<CompletableFuture<T>> call) {
        try {
            T result = await(what, call, true, settings.requestTimeout());
            writeFailure = null;
            return result;
        } catch (KvOutcomeUnknownException e) {
            throw e; // a timeout or no quorum: reads see that too
        } catch (KvUnavailableException e) {
            writeFailure = new Failure(e.getMessage(), System.nanoTime());
            throw e;
        }
    }

    private <T> T await(String what, Supplier<CompletableFuture<T>> call, boolean write, Duration timeout) {
        ensureOpen();
        CompletableFuture<T> future = call.get();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw errors.of(what, e, write);
        } catch (Exception e) {
            future.cancel(true);
            if (!open.get()) {
                throw new KvStoreClosedException("the etcd store at " + settings.describe());
            }
            throw errors.of(what, e, write);
        }
    }

    void ensureOpen() {
        if (!open.get()) {
            throw new KvStoreClosedException("the etcd store at " + settings.describe());
        }
    }

    // --- requests ------------------------------------------------------------------------------

    /** etcd refuses two changes of one key in a transaction: the last one per key is the write's effect. */
    private static List<KvMutation> lastPerKey(List<KvMutation> mutations) {
        Map<String, KvMutation> last = new LinkedHashMap<>();
        for (KvMutation mutation : mutations) {
            last.remove(mutation.key());
            last.put(mutation.key(), mutation);
        }
        return new ArrayList<>(last.values());
    }

    private void checkLimits(List<KvCondition> conditions, List<KvMutation> changes) {
        long bytes = 0;
        for (KvMutation change : changes) {
            bytes += size(change);
        }
        for (KvCondition condition : conditions) {
            bytes += condition.key().length() + OP_OVERHEAD + (condition.value() == null ? 0 : condition.value().length);
        }
        if (changes.size() > settings.maxTxnOps() || conditions.size() > settings.maxTxnOps()
                || bytes > settings.maxRequestBytes()) {
            throw new KvLimitException("one etcd transaction takes at most " + settings.maxTxnOps()
                    + " operations and " + settings.maxRequestBytes() + " bytes (kv.etcd.max-txn-ops, kv.etcd.max-request-bytes, "
                    + "as the cluster's --max-txn-ops and --max-request-bytes); this write has " + changes.size()
                    + " changes, " + conditions.size() + " conditions and about " + bytes + " bytes: nothing was written");
        }
    }

    private static long size(KvMutation mutation) {
        long size = mutation.key().length() * 3L + OP_OVERHEAD; // UTF-8: at most 3 bytes per char
        return mutation instanceof KvMutation.Put put ? size + put.value().length : size;
    }

    /** The mutations in groups that each fit one transaction. */
    private List<List<KvMutation>> chunks(List<KvMutation> mutations) {
        List<List<KvMutation>> chunks = new ArrayList<>();
        List<KvMutation> chunk = new ArrayList<>();
        long bytes = 0;
        for (KvMutation mutation : mutations) {
            long size = size(mutation);
            if (!chunk.isEmpty() && (chunk.size() == settings.maxTxnOps() || bytes + size > settings.maxRequestBytes())) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(mutation);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static Op[] ops(List<KvMutation> mutations) {
        Op[] ops = new Op[mutations.size()];
        for (int i = 0; i < ops.length; i++) {
            KvMutation mutation = mutations.get(i);
            ops[i] = mutation instanceof KvMutation.Put put
                    ? Op.put(bytes(put.key()), ByteSequence.from(put.value()), PutOption.DEFAULT)
                    : Op.delete(bytes(mutation.key()), DeleteOption.DEFAULT);
        }
        return ops;
    }

    private static Cmp cmp(KvCondition condition) {
        ByteSequence key = bytes(condition.key());
        return switch (condition.expect()) {
            case ABSENT -> new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0));
            case PRESENT -> new Cmp(key, Cmp.Op.GREATER, CmpTarget.version(0));
            case EQUALS -> new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(ByteSequence.from(condition.value())));
        };
    }

    static ByteSequence bytes(String key) {
        return ByteSequence.from(key, UTF_8);
    }
}
