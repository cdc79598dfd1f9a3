package uk.cpis.fhir.profiles;

import ca.uhn.fhir.batch2.config.Batch2JobRegisterer;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallOutcomeJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import uk.cpis.fhir.contract.CpisContract;

/**
 * Installs the CP-IS package into the server's own storage when the application context is ready and before the
 * web server takes requests, so no client sees a server without its profiles.
 *
 * <p>Install, not just load into memory: the conformance resources are then ordinary stored resources, readable
 * and searchable by integrators, and the validation chain finds them like any other stored definition. A package
 * already installed with exactly this build's bytes (a restart) is not stored again.
 */
public class ProfilePackageInstaller implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(ProfilePackageInstaller.class);

    private final IPackageInstallerSvc installer;
    private final IHapiPackageCacheManager installed;
    private final Batch2JobRegisterer batchJobs;
    private final ProfilePackage profilePackage;
    /** Set once the package is in storage (installed now, or found installed): the readiness probe reads it. */
    private volatile boolean installedHere;

    public ProfilePackageInstaller(IPackageInstallerSvc installer, IHapiPackageCacheManager installed,
            Batch2JobRegisterer batchJobs, ProfilePackage profilePackage) {
        this.installer = installer;
        this.installed = installed;
        this.batchJobs = batchJobs;
        this.profilePackage = profilePackage;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // Storing a SearchParameter starts a reindex job, whose definition HAPI would otherwise only register
        // once the context is refreshed (it then logs, harmlessly, that the jobs are already registered).
        batchJobs.start();
        if (alreadyInstalled()) {
            // A restart: storing the same definitions again would only cost seconds of start-up.
            LOG.info("FHIR package {}#{} is installed (the same bytes as this build's)", profilePackage.name(),
                    profilePackage.version());
            installedHere = true;
            return;
        }
        PackageInstallationSpec spec = new PackageInstallationSpec()
                .setName(profilePackage.name())
                .setVersion(profilePackage.version())
                .setPackageContents(profilePackage.bytes())
                .setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL)
                // The R4 core definitions are already in the server (HAPI's validation resources).
                .setFetchDependencies(false);
        spec.setReloadExisting(true);
        // One version of each definition: a newer package replaces the definitions of the one installed before
        // (HAPI's default keeps both, and a canonical URL would then name two profiles).
        spec.setVersionPolicy(PackageInstallationSpec.VersionPolicyEnum.SINGLE_VERSION);
        // Exactly the package's kinds of definitions (HAPI's default list would also take a Subscription).
        spec.setInstallResourceTypes(CpisContract.CONFORMANCE_TYPES);
        PackageInstallOutcomeJson outcome = installer.install(spec);
        LOG.info(
                "Installed FHIR package {}#{}: {}",
                profilePackage.name(),
                profilePackage.version(),
                outcome.getResourcesInstalled());
        installedHere = true;
    }

    /** Whether this node has the package in storage: until then it is not ready for requests. */
    public boolean isInstalled() {
        return installedHere;
    }

    private boolean alreadyInstalled() {
        try {
            IHapiPackageCacheManager.PackageContents stored =
                    installed.loadPackageContents(profilePackage.name(), profilePackage.version());
            return stored != null && Arrays.equals(stored.getBytes(), profilePackage.bytes());
        } catch (RuntimeException notYetInstalled) {
            return false;
        }
    }
}
