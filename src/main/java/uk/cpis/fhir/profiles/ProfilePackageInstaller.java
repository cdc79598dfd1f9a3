package uk.cpis.fhir.profiles;

import ca.uhn.fhir.batch2.config.Batch2JobRegisterer;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallOutcomeJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Installs the CP-IS package into the server's own storage when the application context is ready and before the
 * web server takes requests, so no client sees a server without its profiles.
 *
 * <p>Install, not just load into memory: the conformance resources are then ordinary stored resources, readable
 * and searchable by integrators, and the validation chain finds them like any other stored definition.
 */
public class ProfilePackageInstaller implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(ProfilePackageInstaller.class);

    private final IPackageInstallerSvc installer;
    private final Batch2JobRegisterer batchJobs;
    private final ProfilePackage profilePackage;

    public ProfilePackageInstaller(
            IPackageInstallerSvc installer, Batch2JobRegisterer batchJobs, ProfilePackage profilePackage) {
        this.installer = installer;
        this.batchJobs = batchJobs;
        this.profilePackage = profilePackage;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // Storing a SearchParameter starts a reindex job, whose definition HAPI would otherwise only register
        // once the context is refreshed (it then logs, harmlessly, that the jobs are already registered).
        batchJobs.start();
        PackageInstallationSpec spec = new PackageInstallationSpec()
                .setName(profilePackage.name())
                .setVersion(profilePackage.version())
                .setPackageContents(profilePackage.bytes())
                .setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL)
                // The R4 core definitions are already in the server (HAPI's validation resources).
                .setFetchDependencies(false);
        spec.setReloadExisting(true);
        PackageInstallOutcomeJson outcome = installer.install(spec);
        LOG.info(
                "Installed FHIR package {}#{}: {}",
                profilePackage.name(),
                profilePackage.version(),
                outcome.getResourcesInstalled());
    }
}
