package io.spear.next.sms.admin;

import io.spear.next.registry.RegistryException;
import io.spear.next.sms.nodes.ErrorKind;

public class BackupNotFoundException extends RegistryException implements ErrorKind.Declared {

    public BackupNotFoundException(String id) {
        super("no backup with id " + id);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.NOT_FOUND;
    }
}
