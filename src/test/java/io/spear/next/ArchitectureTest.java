package io.spear.next;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering README's "Layout" describes, held on the compiled production classes. */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.spear.next");

    @Test
    void onlyTheFactoryNamesAConcreteBackend() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "io.spear.next.storage.kv.memory..",
                        "io.spear.next.storage.kv.rocksdb..",
                        "io.spear.next.storage.kv.etcd..")
                .and()
                .doNotHaveFullyQualifiedName("io.spear.next.storage.KvStoreFactory")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.spear.next.storage.kv.memory..",
                        "io.spear.next.storage.kv.rocksdb..",
                        "io.spear.next.storage.kv.etcd..")
                .because("the rest of the service sees a store through storage.kv's interfaces and capabilities")
                .check(PRODUCTION);
    }

    @Test
    void theRegistryKnowsNothingOfTheServiceOrOfABackend() {
        noClasses()
                .that()
                .resideInAPackage("io.spear.next.registry..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.spear.next.sms..",
                        "io.spear.next.storage",
                        "io.spear.next.storage.kv.memory..",
                        "io.spear.next.storage.kv.rocksdb..",
                        "io.spear.next.storage.kv.etcd..",
                        "io.quarkus..",
                        "jakarta..")
                .check(PRODUCTION);
    }

    @Test
    void theStorageLayerKnowsNothingOfTheRegistryOrTheService() {
        noClasses()
                .that()
                .resideInAPackage("io.spear.next.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.spear.next.registry..", "io.spear.next.sms..")
                .check(PRODUCTION);
    }

    @Test
    void theRestAndGrpcAdaptersDoNotCallEachOther() {
        noClasses()
                .that()
                .resideInAPackage("io.spear.next.sms.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.spear.next.sms.grpc..")
                .check(PRODUCTION);
        noClasses()
                .that()
                .resideInAPackage("io.spear.next.sms.grpc..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.spear.next.sms.api..")
                .check(PRODUCTION);
    }
}
