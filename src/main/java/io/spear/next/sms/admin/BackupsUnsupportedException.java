package io.spear.next.sms.admin;

public class BackupsUnsupportedException extends RuntimeException {

    public BackupsUnsupportedException() {
        super("backups need kv.backend=rocksdb; with the memory backend, save the data with GET /api/v1/admin/export");
    }
}
