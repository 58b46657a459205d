package io.spear.next.sms.admin;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Scheduled backups on {@code kv.backup.schedule} (a cron expression; "off" by default). */
@ApplicationScoped
public class BackupJob {

    private final StoreAdmin admin;

    BackupJob(StoreAdmin admin) {
        this.admin = admin;
    }

    @Scheduled(identity = "kv-backup", cron = "${kv.backup.schedule}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void backup() {
        if (!admin.backupsSupported()) {
            Log.warn("kv.backup.schedule is set, but backups need kv.backend=rocksdb; skipping");
            return;
        }
        try {
            admin.createBackup();
        } catch (RuntimeException e) {
            Log.errorf("Scheduled backup failed: %s", e.getMessage());
        }
    }
}
