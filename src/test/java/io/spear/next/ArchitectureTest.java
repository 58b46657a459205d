package io.spear.next;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The storage and registry packages are a plain Java library: the service layer is the only glue. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.spear.next");

    @Test
    void theLibraryImportsNoFramework() {
        noClasses().that().resideInAnyPackage("io.spear.next.storage..", "io.spear.next.registry..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "javax..", "org.eclipse.microprofile..", "io.smallrye..",
                        "io.micrometer..", "io.vertx..")
                .check(MAIN);
    }

    @Test
    void theStorageLayerKnowsNothingOfTheRegistryAndOnlyItsTransferFormatUsesJson() {
        noClasses().that().resideInAPackage("io.spear.next.storage..")
                .should().dependOnClassesThat().resideInAPackage("io.spear.next.registry..")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.spear.next.storage..")
                .and().resideOutsideOfPackage("io.spear.next.storage.kv.transfer..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml..")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.spear.next.storage.kv.transfer..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind..")
                .check(MAIN);
    }

    @Test
    void resourcesGoThroughTheRegistriesNeverStraightToTheStore() {
        // (the problem mappers may name storage errors: turning them into 503s is their job)
        noClasses().that().areAnnotatedWith(jakarta.ws.rs.Path.class)
                .should().dependOnClassesThat().areAssignableTo(io.spear.next.storage.kv.KvStore.class)
                .check(MAIN);
    }

    @Test
    void theLibraryDoesNotReachIntoTheService() {
        noClasses().that().resideInAnyPackage("io.spear.next.storage..", "io.spear.next.registry..")
                .should().dependOnClassesThat().resideInAPackage("io.spear.next.sms..")
                .check(MAIN);
    }

    @Test
    void theTwoProtocolsShareOnlyTheNodeService() {
        noClasses().that().resideInAPackage("io.spear.next.sms.api..")
                .should().dependOnClassesThat().resideInAPackage("io.spear.next.sms.grpc..")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.spear.next.sms.grpc..")
                .should().dependOnClassesThat().resideInAPackage("io.spear.next.sms.api..")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.spear.next.sms.nodes..")
                .should().dependOnClassesThat().resideInAnyPackage("io.spear.next.sms.api..", "io.spear.next.sms.grpc..",
                        "jakarta.ws.rs..", "io.grpc..", "com.fasterxml..", "org.eclipse.microprofile.openapi..")
                .check(MAIN);
    }

    @Test
    void onlyTheEtcdBackendTouchesEtcd() {
        noClasses().that().resideOutsideOfPackage("io.spear.next.storage.kv.etcd..")
                .should().dependOnClassesThat().resideInAPackage("io.etcd..")
                .check(MAIN);
    }

    @Test
    void onlyTheRocksDbBackendTouchesRocksDb() {
        noClasses().that().resideOutsideOfPackage("io.spear.next.storage.kv.rocksdb..")
                .should().dependOnClassesThat().resideInAPackage("org.rocksdb..")
                .check(MAIN);
    }
}
