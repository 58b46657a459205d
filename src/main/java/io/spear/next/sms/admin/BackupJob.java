package io.spear.next.sms.admin;

import io.quarkus.logging.Log;
import io.spear.next.registry.Leadership;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Scheduled backups on {@code kv.backup.schedule} (a cron expression; "off" by default). Over a
 * shared store only the replica that leads (the one that runs the sweeper) takes them: one
 * snapshot per schedule, not one per replica.
 */
@ApplicationScoped
public class BackupJob {

    private final StoreAdmin admin;
    private final Leadership leadership;

    BackupJob(StoreAdmin admin, Leadership leadership) {
        this.admin = admin;
        this.leadership = leadership;
    }

    /** Takes one backup; run on {@code kv.backup.schedule}. */
    public void backup() {
        if (!admin.backupsSupported()) {
            Log.warn("kv.backup.schedule is set, but the memory backend has no backups; skipping");
            return;
        }
        if (!leadership.leads()) {
            return;
        }
        try {
            admin.createBackup();
        } catch (RuntimeException e) {
            Log.errorf("Scheduled backup failed: %s", e.getMessage());
        }
    }
}
