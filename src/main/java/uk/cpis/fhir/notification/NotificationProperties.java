package uk.cpis.fhir.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How LA systems may be pushed their notifications, bound from {@code cpis.notification.*}.
 *
 * @param endpointUrlPattern a regular expression every rest-hook endpoint must match (HTTPS only by default)
 * @param retryFirstDelay    how long an endpoint that refused a delivery is left before it is tried again
 * @param retryLongestDelay  the longest such wait (it doubles with each refusal in a row up to this)
 */
@ConfigurationProperties("cpis.notification")
public record NotificationProperties(
        @DefaultValue("^https://.+") String endpointUrlPattern,
        @DefaultValue("PT5S") Duration retryFirstDelay,
        @DefaultValue("PT5M") Duration retryLongestDelay) {}
