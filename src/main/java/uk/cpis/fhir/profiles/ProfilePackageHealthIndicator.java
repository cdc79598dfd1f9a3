package uk.cpis.fhir.profiles;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The readiness probe's "profilePackage" part: DOWN until this node has the CP-IS package in storage, since a
 * node without its profiles would accept submissions it cannot validate.
 */
public final class ProfilePackageHealthIndicator implements HealthIndicator {

    private final ProfilePackageInstaller installer;

    public ProfilePackageHealthIndicator(ProfilePackageInstaller installer) {
        this.installer = installer;
    }

    @Override
    public Health health() {
        return installer.isInstalled() ? Health.up().build() : Health.down().build();
    }
}
