package io.spear.next.storage.kv.etcd;

import static io.spear.next.storage.kv.etcd.EtcdConnection.ZERO;
import static io.spear.next.storage.kv.etcd.EtcdTransactions.bytes;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvElection;
import io.spear.next.storage.kv.KvHistory;
import io.spear.next.storage.kv.KvLimits;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvSnapshots;
import io.spear.next.storage.kv.KvStats;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.RangeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A {@link KvStore} on an etcd cluster (jetcd), every key under the configured namespace. Several
 * processes may open the same namespace: writes are etcd transactions, so compare-and-set holds
 * across them. etcd's limits shape the contract ({@link #limits()}): one transaction takes at most
 * {@code max-txn-ops} operations and {@code max-request-bytes}; batches larger than that are split,
 * a larger single write is refused before anything is applied ({@link EtcdTransactions}). Every
 * call waits at most {@code request-timeout}; a write that times out has an unknown outcome
 * ({@link io.spear.next.storage.kv.KvOutcomeUnknownException}). Its {@link KvHistory} (etcd's
 * revisions and watches) and {@link KvSnapshots} (for backups) are reached with {@link #unwrap}.
 */
public final class EtcdKvStore implements KvStore, KvElection {

    /** Keys a cursor reads per round trip. */
    static final int PAGE = 500;

    private final EtcdConnection connection;
    private final KV kv;
    private final EtcdTransactions transactions;
    private final EtcdHistory history;
    private final EtcdStats stats;
    private final EtcdSnapshots snapshots;

    private EtcdKvStore(EtcdConnection connection) {
        this.connection = connection;
        this.kv = connection.client.getKVClient();
        EtcdSettings settings = connection.settings;
        this.transactions = new EtcdTransactions(settings.maxTxnOps(), settings.maxRequestBytes());
        this.history = new EtcdHistory(connection);
        this.stats = new EtcdStats(connection, this::count);
        this.snapshots = new EtcdSnapshots(connection, this::count);
    }

    /** Connects to the cluster and checks that it answers a read within the connect timeout. */
    public static EtcdKvStore open(EtcdSettings settings) {
        return new EtcdKvStore(EtcdConnection.open(settings));
    }

    public EtcdSettings settings() {
        return connection.settings;
    }

    @Override
    public KvBackend backend() {
        return KvBackend.ETCD;
    }

    @Override
    public String location() {
        return settings().describe();
    }

    @Override
    public KvLimits limits() {
        return new KvLimits(settings().maxTxnOps(), settings().maxRequestBytes());
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == KvHistory.class) {
            return Optional.of(type.cast(history));
        }
        return type == KvSnapshots.class ? Optional.of(type.cast(snapshots)) : KvStore.super.unwrap(type);
    }

    @Override
    public Optional<byte[]> get(String key) {
        Keys.requireValid(key);
        GetResponse response = connection.read("get " + key, () -> kv.get(bytes(key)));
        return response.getKvs().isEmpty()
                ? Optional.empty()
                : Optional.of(response.getKvs().get(0).getValue().getBytes());
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
        connection.ensureOpen();
        int maxOps = settings().maxTxnOps();
        List<Optional<byte[]>> values = new ArrayList<>(keys.size());
        long revision = 0;
        for (int from = 0; from < keys.size(); from += maxOps) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + maxOps));
            GetOption.Builder builder = GetOption.builder().withSerializable(serializable);
            if (revision > 0) {
                builder.withRevision(revision);
            }
            GetOption option = builder.build();
            Op[] gets =
                    chunk.stream().map(key -> (Op) Op.get(bytes(key), option)).toArray(Op[]::new);
            TxnResponse response = connection.read(
                    "get " + chunk.size() + " keys", () -> kv.txn().Then(gets).commit());
            revision = response.getHeader().getRevision(); // later chunks read the same state
            values.addAll(valuesOf(response));
        }
        return values;
    }

    private static List<Optional<byte[]>> valuesOf(TxnResponse response) {
        List<Optional<byte[]>> values =
                new ArrayList<>(response.getGetResponses().size());
        for (GetResponse get : response.getGetResponses()) {
            values.add(
                    get.getKvs().isEmpty()
                            ? Optional.empty()
                            : Optional.of(get.getKvs().get(0).getValue().getBytes()));
        }
        return values;
    }

    @Override
    public void put(String key, byte[] value) {
        KvMutation put = KvMutation.put(key, value);
        transactions.checkLimits(List.of(), List.of(put));
        connection.write("put " + key, () -> kv.put(bytes(key), ByteSequence.from(value)));
    }

    @Override
    public boolean delete(String key) {
        Keys.requireValid(key);
        return connection.write("delete " + key, () -> kv.delete(bytes(key))).getDeleted() > 0;
    }

    @Override
    public void write(List<KvMutation> mutations) {
        List<KvMutation> changes = EtcdTransactions.lastPerKey(mutations);
        if (changes.isEmpty()) {
            connection.ensureOpen();
            return;
        }
        transactions.checkLimits(List.of(), changes);
        Op[] ops = EtcdTransactions.ops(changes);
        connection.write(
                "write of " + changes.size() + " keys", () -> kv.txn().Then(ops).commit());
    }

    @Override
    public boolean writeIf(List<KvCondition> conditions, List<KvMutation> mutations) {
        return writeIfOrRead(conditions, mutations, List.of()).isEmpty();
    }

    @Override
    public Optional<List<Optional<byte[]>>> writeIfOrRead(
            List<KvCondition> conditions, List<KvMutation> mutations, List<String> readOnRefusal) {
        List<KvMutation> changes = EtcdTransactions.lastPerKey(mutations);
        transactions.checkLimits(conditions, changes);
        transactions.checkReads(readOnRefusal.size());
        Cmp[] cmps = EtcdTransactions.cmps(conditions);
        Op[] ops = EtcdTransactions.ops(changes);
        Op[] reads = readOnRefusal.stream()
                .map(key -> (Op) Op.get(bytes(key), GetOption.DEFAULT))
                .toArray(Op[]::new);
        TxnResponse response = connection.write(
                "conditional write of " + changes.size() + " keys",
                () -> kv.txn().If(cmps).Then(ops).Else(reads).commit());
        return response.isSucceeded() ? Optional.empty() : Optional.of(valuesOf(response));
    }

    /** Writes in transactions of at most {@link #limits()} each: atomic per transaction, not as a whole. */
    @Override
    public void batchPut(List<KvPair> pairs) {
        List<KvMutation> puts = new ArrayList<>(pairs.size());
        for (KvPair pair : pairs) {
            puts.add(KvMutation.put(pair.key(), pair.value())); // a null entry fails here, before any write
        }
        for (List<KvMutation> chunk : transactions.chunks(EtcdTransactions.lastPerKey(puts))) {
            write(chunk);
        }
    }

    @Override
    public int batchDelete(List<String> keys) {
        List<KvMutation> deletes = new ArrayList<>(keys.size());
        for (String key : new LinkedHashSet<>(keys)) {
            deletes.add(KvMutation.delete(key));
        }
        connection.ensureOpen();
        int deleted = 0;
        for (List<KvMutation> chunk : transactions.chunks(deletes)) {
            Op[] ops = EtcdTransactions.ops(chunk);
            TxnResponse response = connection.write(
                    "delete of " + chunk.size() + " keys",
                    () -> kv.txn().Then(ops).commit());
            for (var delete : response.getDeleteResponses()) {
                deleted += (int) delete.getDeleted();
            }
        }
        return deleted;
    }

    @Override
    public KvCursor cursor(RangeOptions options) {
        connection.ensureOpen();
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
        return connection.read("range read", () -> kv.get(start == null ? ZERO : bytes(start), built));
    }

    void ensureOpen() {
        connection.ensureOpen();
    }

    @Override
    public long count() {
        return connection
                .read(
                        "count",
                        () -> kv.get(
                                ZERO,
                                GetOption.builder()
                                        .withRange(ZERO)
                                        .withCountOnly(true)
                                        .build()))
                .getCount();
    }

    /** Deletes every key of the namespace in one request (atomic). */
    @Override
    public void clear() {
        connection.write(
                "clear",
                () -> kv.delete(ZERO, DeleteOption.builder().withRange(ZERO).build()));
    }

    /** The key count and database size, at most {@link EtcdStats#MAX_AGE} old. */
    @Override
    public KvStats stats() {
        return stats.get();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    /**
     * Why writes failed lately ({@link EtcdConnection#writeFailure}). A cluster without quorum is
     * not reported here: the readiness read finds it by itself.
     */
    @Override
    public Optional<String> writeFailure() {
        return connection.writeFailure();
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public Candidacy campaign(String key, String candidate, Duration ttl) {
        connection.ensureOpen();
        Keys.requireValid(key);
        if (ttl.toSeconds() < 2) {
            throw new IllegalArgumentException("an etcd lease lasts whole seconds, at least 2: got " + ttl);
        }
        return new EtcdLeaseLock(connection.client, key, candidate, ttl);
    }
}
