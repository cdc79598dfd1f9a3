/**
 * Pushing access notifications to local authorities: HAPI's rest-hook Subscriptions on the Communications
 * addressed to an LA, with endpoints restricted to a configured URL pattern.
 */
package uk.cpis.fhir.notification;
