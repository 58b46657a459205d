package io.spear.next.sms.admin;

import io.spear.next.sms.nodes.ErrorKind;
import io.spear.next.sms.nodes.KindOfError;

public class BackupsUnsupportedException extends RuntimeException implements KindOfError {

    public BackupsUnsupportedException() {
        super("backups need kv.backend=rocksdb; on the memory backend save the data with GET /api/v1/admin/export, "
                + "on etcd with etcdctl snapshot save (or the same export)");
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFLICT;
    }
}
