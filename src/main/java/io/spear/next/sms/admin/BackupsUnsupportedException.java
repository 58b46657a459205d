package io.spear.next.sms.admin;

public class BackupsUnsupportedException extends RuntimeException {

    public BackupsUnsupportedException() {
        super("backups need kv.backend=rocksdb; on the memory backend save the data with GET /api/v1/admin/export, "
                + "on etcd with etcdctl snapshot save (or the same export)");
    }
}
