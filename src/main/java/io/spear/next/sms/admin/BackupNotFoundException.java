package io.spear.next.sms.admin;

import io.spear.next.registry.RegistryException;
import io.spear.next.sms.nodes.ErrorKind;
import io.spear.next.sms.nodes.KindOfError;

public class BackupNotFoundException extends RegistryException implements KindOfError {

    public BackupNotFoundException(String id) {
        super("no backup with id " + id);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.NOT_FOUND;
    }
}
