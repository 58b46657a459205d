package io.spear.next.sms.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** The {@code sms.*} configuration: heartbeat expiry, high-load thresholds, API limits, authentication. */
@ConfigMapping(prefix = "sms")
public interface SmsConfig {

    Heartbeat heartbeat();

    Node node();

    HighLoad highLoad();

    Reports reports();

    Api api();

    Grpc grpc();

    Auth auth();

    Watch watch();

    Leader leader();

    StatsHistory statsHistory();

    interface StatsHistory {
        /**
         * How often the cluster statistics are sampled for GET /api/v1/cluster/stats/history (the
         * dashboard's charts); the last hour of samples is kept in memory.
         */
        @WithDefault("15s")
        Duration interval();
    }

    interface Leader {
        /**
         * Replicas on a shared store (etcd) elect the one that sweeps and compacts with a key held by
         * a lease of this long: when the leader dies, another takes over within about this much.
         */
        @WithDefault("10s")
        Duration leaseTtl();

        /**
         * How often the leader compacts the store's history (etcd keeps every revision until then;
         * every heartbeat makes one). Resuming a watch reaches back at least this far.
         */
        @WithDefault("60s")
        Duration compactionInterval();

        /**
         * How this replica names itself in the election (with its process id and a random suffix):
         * by default the host name, which in Kubernetes is the pod's.
         */
        @WithDefault("${HOSTNAME:sms}")
        String name();
    }

    interface Watch {
        /** How many of the newest events the log keeps for watchers that resume. */
        @WithDefault("100000")
        long retention();

        /** Events sent to a watcher and not yet written to its connection before it is dropped as too slow. */
        @WithDefault("1000")
        int maxPending();

        /** How often the log is cut back to its retention. */
        @WithDefault("10s")
        Duration trimInterval();
    }

    interface Heartbeat {
        /** How often the sweeper looks for silent nodes. */
        @WithDefault("30s")
        Duration checkInterval();

        /** An active node whose last heartbeat is older than this becomes unhealthy; older reports are dropped. */
        @WithDefault("90s")
        Duration timeout();
    }

    interface Node {
        /** Remove nodes that have been unhealthy this long; unset: never. */
        Optional<Duration> removeAfter();
    }

    interface HighLoad {
        @WithDefault("80")
        double cpuPercent();

        @WithDefault("85")
        double memoryPercent();

        /** Named as the report's {@code load_average_1m}: SmallRye's own kebab-casing would say {@code load-average1m}. */
        @WithName("load-average-1m")
        @WithDefault("4.0")
        double loadAverage1m();
    }

    interface Reports {
        /**
         * Index the report figures sorted listings walk (cpu, memory, available memory, disk, load
         * 1m; embedded stores only). Off: a sorted listing reads every report, and a beat whose
         * figures changed writes five entries fewer (docs/BENCHMARKS.md).
         */
        @WithDefault("true")
        boolean figureIndex();
    }

    interface Auth {
        /**
         * Require a bearer JWT with a role on every API route (mp.jwt.verify.* name the issuer and
         * the public key). Off by default for local use; the prod profile warns when it is off.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * With auth on, a gRPC caller that sends no token is a node agent: it may register, beat
         * and report, and nothing else. Spear's agents send no token; open the gRPC port to their
         * pods only (deployment/kubernetes/networkpolicy.yaml). REST still needs a token.
         */
        @WithDefault("false")
        boolean agentsWithoutToken();
    }

    interface Grpc {
        /**
         * Serve the gRPC port from every Vert.x event loop instead of one (GrpcEventLoops). Off by
         * default: on two cores shared with a fleet of agents it measured slower (docs/BENCHMARKS.md).
         */
        @WithDefault("false")
        boolean allEventLoops();
    }

    interface Api {
        /** Request bodies above this many bytes are refused with 413. */
        @WithDefault("262144")
        long maxBodyBytes();
    }
}
