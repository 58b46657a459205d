package io.spear.next.storage.kv.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.spear.next.storage.kv.KvElection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Leadership as a key held by a lease: the key is created only where it is absent, bound to this
 * candidate's lease, which the candidate renews every third of its TTL from its own thread. A holder
 * that cannot renew stops claiming to lead once the lease may have run out (measured from when
 * the renewal was sent, so never later than etcd itself lets the lease go); the others find the key
 * gone and take it. Every call waits at most a third of the TTL, so an outage is noticed in time.
 */
final class EtcdLeaseLock implements KvElection.Candidacy {

    private static final System.Logger LOG = System.getLogger(EtcdLeaseLock.class.getName());

    private final Client client;
    private final ByteSequence key;
    private final ByteSequence candidate;
    private final Duration ttl;
    private final String name;
    private final ScheduledExecutorService timer;
    private volatile long lease;
    private volatile long validUntil; // System.nanoTime(); leads() while before it
    private volatile long reachableSince = -1; // System.nanoTime(); -1 while unreachable

    EtcdLeaseLock(Client client, String key, String candidate, Duration ttl) {
        this.client = client;
        this.key = EtcdTransactions.bytes(key);
        this.candidate = EtcdTransactions.bytes(candidate);
        this.ttl = ttl;
        this.name = key;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lease-lock " + key);
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, ttl.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::step, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean leads() {
        return lease != 0 && System.nanoTime() - validUntil < 0;
    }

    @Override
    public Duration reachableFor() {
        long since = reachableSince;
        return since < 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    private void step() {
        long sent = System.nanoTime();
        try {
            if (lease != 0) {
                renew(sent);
            } else {
                tryToTake(sent);
            }
            if (reachableSince < 0) {
                reachableSince = sent;
            }
        } catch (Exception e) {
            reachableSince = -1;
            if (lease != 0 && !leads()) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Lost the lead ({0}): etcd did not renew the lease in time: {1}",
                        name,
                        e.getMessage());
                lease = 0;
            }
        }
    }

    private void renew(long sent) throws Exception {
        LeaseKeepAliveResponse response =
                client.getLeaseClient().keepAliveOnce(lease).get(timeout(), TimeUnit.MILLISECONDS);
        if (response.getTTL() <= 0) {
            LOG.log(System.Logger.Level.WARNING, "Lost the lead ({0}): the lease expired", name);
            lease = 0;
            return;
        }
        validUntil = sent + TimeUnit.SECONDS.toNanos(response.getTTL());
    }

    private void tryToTake(long sent) throws Exception {
        boolean held = !client.getKVClient()
                .get(key, GetOption.DEFAULT)
                .get(timeout(), TimeUnit.MILLISECONDS)
                .getKvs()
                .isEmpty();
        if (held) {
            return;
        }
        long granted = client.getLeaseClient()
                .grant(ttl.toSeconds())
                .get(timeout(), TimeUnit.MILLISECONDS)
                .getID();
        TxnResponse response = client.getKVClient()
                .txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0)))
                .Then(Op.put(
                        key, candidate, PutOption.builder().withLeaseId(granted).build()))
                .commit()
                .get(timeout(), TimeUnit.MILLISECONDS);
        if (response.isSucceeded()) {
            validUntil = sent + ttl.toNanos();
            lease = granted;
            LOG.log(System.Logger.Level.INFO, "Took the lead ({0}) as {1}", name, candidate.toString());
        } else {
            client.getLeaseClient().revoke(granted); // another candidate was quicker
        }
    }

    private long timeout() {
        return Math.max(100, ttl.toMillis() / 3);
    }

    /** Resigns: the lease goes at once, so another candidate takes over without waiting for it to expire. */
    @Override
    public void close() {
        timer.shutdownNow();
        long held = lease;
        lease = 0;
        if (held != 0) {
            try {
                client.getLeaseClient().revoke(held).get(timeout(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // the lease runs out by itself
            }
        }
    }
}
