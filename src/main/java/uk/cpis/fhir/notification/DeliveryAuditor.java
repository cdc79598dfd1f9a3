package uk.cpis.fhir.notification;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Communication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Propagation;
import uk.cpis.fhir.metrics.OperatorMeters;
import uk.cpis.fhir.server.StorageInterceptor;

/**
 * Records each delivery of a notification to an LA's endpoint, and each failed attempt, in an AuditEvent: a
 * delivery discloses a child's data to another system, and is recorded as every read of it is. Counts them for the
 * operators' metrics too. The delivery itself is HAPI's, unchanged.
 */
@Interceptor
public final class DeliveryAuditor implements StorageInterceptor {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAuditor.class);
    private static final String RECIPIENT_CRITERIA = "Communication?recipient=";

    private final FhirContext fhir;
    private final IFhirResourceDao<AuditEvent> auditEvents;
    private final IHapiTransactionService transactions;
    private final OperatorMeters meters;
    private final Clock clock;
    private final DeliveryAuditEventFactory events = new DeliveryAuditEventFactory();

    DeliveryAuditor(FhirContext fhir, IFhirResourceDao<AuditEvent> auditEvents, IHapiTransactionService transactions,
            OperatorMeters meters, Clock clock) {
        this.fhir = fhir;
        this.auditEvents = auditEvents;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * In the transaction that takes the notification's stored change ({@link StoredChangeDeliveryPass}): the
     * record of the delivery commits with it.
     */
    @Hook(Pointcut.SUBSCRIPTION_AFTER_REST_HOOK_DELIVERY)
    public void delivered(CanonicalSubscription theSubscription, ResourceDeliveryMessage theMessage) {
        meters.delivery(true);
        record(theSubscription, theMessage, null);
    }

    /**
     * True: HAPI goes on handling the failure (it throws, and the stored change is kept for a later pass). The
     * record of the failed attempt is stored in a transaction of its own, as the taking one rolls back.
     */
    @Hook(Pointcut.SUBSCRIPTION_AFTER_DELIVERY_FAILED)
    public boolean failed(ResourceDeliveryMessage theMessage, Exception theFailure) {
        meters.delivery(false);
        transactions.withSystemRequest().withPropagation(Propagation.REQUIRES_NEW).execute(() ->
                record(theMessage.getSubscription(), theMessage, theFailure.getClass().getSimpleName()));
        return true;
    }

    private void record(CanonicalSubscription subscription, ResourceDeliveryMessage message, String failure) {
        IBaseResource payload = message.getPayload(fhir);
        if (subscription == null || !(payload instanceof Communication notification)) {
            return; // CP-IS subscriptions carry notifications only
        }
        String criteria = subscription.getCriteriaString();
        String recipient = criteria != null && criteria.startsWith(RECIPIENT_CRITERIA)
                ? criteria.substring(RECIPIENT_CRITERIA.length())
                : null;
        if (notification.getIdElement().isEmpty() && message.getPayloadId() != null) {
            notification.setId(message.getPayloadId());
        }
        try {
            auditEvents.create(events.delivery(notification, recipient, subscription.getEndpointUrl(), failure,
                    clock.instant()), new SystemRequestDetails());
        } catch (RuntimeException e) {
            // The delivery happened (or failed) whatever this says; the log keeps what the trail could not. After a
            // delivery the taking transaction then rolls back, so the notification is sent, and recorded, again.
            log.error("The AuditEvent of delivering notification {} to {} could not be stored",
                    notification.getIdElement().toUnqualifiedVersionless().getValue(), subscription.getEndpointUrl(), e);
        }
    }
}
