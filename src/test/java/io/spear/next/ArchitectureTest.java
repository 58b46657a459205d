package io.spear.next;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

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

    /** The registry's rooms (see its package-info): each uses only the rooms below it. */
    @Test
    void theRegistrysRoomsUseOnlyTheRoomsBelowThem() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("api")
                .definedBy("io.spear.next.registry")
                .layer("write")
                .definedBy("io.spear.next.registry.write..")
                .layer("read")
                .definedBy("io.spear.next.registry.read..")
                .layer("events")
                .definedBy("io.spear.next.registry.events..")
                .layer("format")
                .definedBy("io.spear.next.registry.format..", "io.spear.next.registry.stored..")
                .layer("query")
                .definedBy("io.spear.next.registry.query..")
                .whereLayer("write")
                .mayOnlyBeAccessedByLayers("api")
                .whereLayer("read")
                .mayOnlyBeAccessedByLayers("api")
                .whereLayer("events")
                .mayOnlyBeAccessedByLayers("api", "write")
                .whereLayer("format")
                .mayOnlyBeAccessedByLayers("api", "write", "read", "events")
                .whereLayer("query")
                .mayOnlyBeAccessedByLayers("api", "read")
                .check(PRODUCTION);
    }

    /** The rooms take the API's values (records, enums, exceptions, settings), never its services. */
    @Test
    void theRegistrysRoomsDoNotCallItsServices() {
        noClasses()
                .that()
                .resideInAPackage("io.spear.next.registry.(*)..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.spear.next.registry.Registry")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.spear.next.registry.RegistryEngine")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.spear.next.registry.NodeRegistry")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.spear.next.registry.NodeResourceRegistry")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.spear.next.registry.HeartbeatSweeper")
                .check(PRODUCTION);
    }

    /** Outside the registry, only its API, its queries and its change log are used. */
    @Test
    void theServiceSeesTheRegistrysApiOnly() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.spear.next.registry..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.spear.next.registry.write..",
                        "io.spear.next.registry.read..",
                        "io.spear.next.registry.format..",
                        "io.spear.next.registry.stored..")
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

    /**
     * Configuration is read through the typed mappings; raw reads (ConfigProvider, @ConfigProperty,
     * the environment) only in sms.config and the launcher's config sources. The storage layer's
     * KvStoreFactory.fromEnv is the seed's entry point for a program without MicroProfile Config.
     */
    @Test
    void onlyTheConfigurationAndTheLauncherReadRawConfiguration() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.spear.next.sms.config..", "io.spear.next.sms.launch..")
                .and()
                .doNotHaveFullyQualifiedName("io.spear.next.storage.KvStoreFactory")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.eclipse.microprofile.config.ConfigProvider")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.eclipse.microprofile.config.inject.ConfigProperty")
                .orShould()
                .callMethod(System.class, "getenv")
                .orShould()
                .callMethod(System.class, "getenv", String.class)
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
