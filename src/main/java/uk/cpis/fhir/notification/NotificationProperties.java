package uk.cpis.fhir.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How LA systems may be pushed their notifications, bound from {@code cpis.notification.*}.
 *
 * @param endpointUrlPattern a regular expression every rest-hook endpoint must match (HTTPS only by default)
 */
@ConfigurationProperties("cpis.notification")
public record NotificationProperties(@DefaultValue("^https://.+") String endpointUrlPattern) {}
