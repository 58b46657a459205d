package io.spear.next.sms.admin;

import io.spear.next.sms.nodes.ErrorKind;
import io.spear.next.sms.nodes.KindOfError;

public class BackupsUnsupportedException extends RuntimeException implements KindOfError {

    public BackupsUnsupportedException() {
        super("backups need kv.backend=rocksdb or etcd; on the memory backend save the data with "
                + "GET /api/v1/admin/export");
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFLICT;
    }
}
