package uk.cpis.fhir.profiles;

import ca.uhn.fhir.batch2.config.Batch2JobRegisterer;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the CP-IS package: read from the classpath once, installed at startup. */
@Configuration(proxyBeanMethods = false)
public class ProfilePackageConfig {

    @Bean
    ProfilePackage profilePackage() {
        return ProfilePackage.fromClasspath();
    }

    @Bean
    ProfilePackageInstaller profilePackageInstaller(
            IPackageInstallerSvc installer, IHapiPackageCacheManager installed, Batch2JobRegisterer batchJobs,
            ProfilePackage profilePackage) {
        return new ProfilePackageInstaller(installer, installed, batchJobs, profilePackage);
    }

    /** Named "profilePackage" in the readiness group (config/application.yaml). */
    @Bean
    ProfilePackageHealthIndicator profilePackageHealthIndicator(ProfilePackageInstaller profilePackageInstaller) {
        return new ProfilePackageHealthIndicator(profilePackageInstaller);
    }
}
