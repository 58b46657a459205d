package io.spear.next.sms.wiring;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.spear.next.sms.admin.BackupJob;
import io.spear.next.sms.config.KvConfig;
import io.spear.next.sms.config.SmsConfig;
import io.spear.next.sms.stats.StatsHistory;
import io.spear.next.sms.watch.WatchHub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The service's periodic jobs, scheduled in one place from the typed configuration (the values the
 * rest of the service reads, not a second read of the raw properties): the sweeper, the change
 * log's trim, etcd's history compaction, the stats history and the scheduled backups. The scheduler
 * runs each on a worker thread, and never twice at once (a run that would overlap the last is
 * skipped). The interval jobs wait one interval before their first run: a first run at once would
 * open the store from the scheduler's thread while a boot that failed to open it is still ending,
 * and print its error a second time.
 */
@ApplicationScoped
class PeriodicJobs {

    /** What {@code kv.backup.schedule} says for "no scheduled backups", as Quarkus reads a cron. */
    private static final Set<String> OFF = Set.of("off", "disabled");

    void schedule(
            @Observes StartupEvent started,
            Scheduler scheduler,
            SmsConfig sms,
            KvConfig kv,
            SweeperJob sweeper,
            CompactionJob compaction,
            WatchHub watch,
            StatsHistory stats,
            BackupJob backups) {
        every(scheduler, "heartbeat-sweeper", sms.heartbeat().checkInterval(), sweeper::sweep);
        every(scheduler, "watch-log-trim", sms.watch().trimInterval(), watch::trim);
        every(scheduler, "history-compaction", sms.leader().compactionInterval(), compaction::compact);
        every(scheduler, "stats-history", sms.statsHistory().interval(), stats::sample);
        String backupSchedule = kv.backup().schedule().strip();
        if (!OFF.contains(backupSchedule.toLowerCase(Locale.ROOT))) {
            scheduler
                    .newJob("kv-backup")
                    .setCron(backupSchedule)
                    .setConcurrentExecution(ConcurrentExecution.SKIP)
                    .setTask(execution -> backups.backup())
                    .schedule();
        }
    }

    private static void every(Scheduler scheduler, String identity, Duration interval, Runnable job) {
        String every = interval.toString(); // ISO-8601 (PT30S), which the scheduler reads as it reads 30s
        scheduler
                .newJob(identity)
                .setInterval(every)
                .setDelayed(every)
                .setConcurrentExecution(ConcurrentExecution.SKIP)
                .setTask(execution -> job.run())
                .schedule();
    }
}
