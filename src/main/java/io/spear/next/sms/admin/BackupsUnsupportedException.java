package io.spear.next.sms.admin;

import io.spear.next.sms.nodes.ErrorKind;

public class BackupsUnsupportedException extends RuntimeException implements ErrorKind.Declared {

    public BackupsUnsupportedException() {
        super("backups need kv.backend=rocksdb or etcd; on the memory backend save the data with "
                + "GET /api/v1/admin/export");
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFLICT;
    }
}
