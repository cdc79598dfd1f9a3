package uk.cpis.fhir.notification;

import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.model.entity.IPersistedResourceModifiedMessage;
import ca.uhn.fhir.jpa.subscription.async.AsyncResourceModifiedSubmitterSvc;
import ca.uhn.fhir.jpa.subscription.submit.svc.ResourceModifiedSubmitterSvc;
import ca.uhn.fhir.rest.server.util.IResourceRepositoryCache;
import ca.uhn.fhir.subscription.api.IResourceModifiedMessagePersistenceSvc;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Propagation;

/**
 * HAPI's delivery pass over its stored changes (run every few seconds on each node by HAPI's scheduler), in place of
 * HAPI's own. Each stored change is taken in a transaction of its own: its row is deleted (a row lock, so one node
 * takes it), it is matched and delivered on this thread ({@link StoredChangeDeliveryChannels}), and only then
 * committed. A change that could not be delivered is rolled back into the store, and the pass goes on with the next
 * one (HAPI's stops at the first, so one LA's endpoint being down held back every LA's notifications). The pass
 * stops between changes when the server is stopping: what it had not taken stays stored for another node, and the
 * change it was taking is rolled back too.
 *
 * <p>Each page of changes is matched against the Subscriptions in the database after the page was read, not against
 * what this node's registry last loaded: a node learns of a Subscription another node activated only at its next
 * sync (up to a minute later, HAPI's interval), and a change matched against a registry without it was deleted
 * undelivered. Reloading after the read means every Subscription active before a change was stored is matched.
 * Changes that no Subscription could match are then removed together, without HAPI's matching.
 */
final class StoredChangeDeliveryPass extends AsyncResourceModifiedSubmitterSvc
        implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(StoredChangeDeliveryPass.class);

    private final IResourceModifiedMessagePersistenceSvc changes;
    private final IResourceRepositoryCache subscriptions;
    private final RegisteredSubscriptionTypes subscribed;
    private final ResourceModifiedSubmitterSvc matcher;
    private final IHapiTransactionService transactions;
    private volatile boolean stopping;

    StoredChangeDeliveryPass(IResourceModifiedMessagePersistenceSvc changes, IResourceRepositoryCache subscriptions,
            RegisteredSubscriptionTypes subscribed, ResourceModifiedSubmitterSvc matcher,
            IHapiTransactionService transactions) {
        super(changes, matcher);
        this.changes = changes;
        this.subscriptions = subscriptions;
        this.subscribed = subscribed;
        this.matcher = matcher;
        this.transactions = transactions;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
    }

    @Override
    public void runDeliveryPass() {
        int kept = 0;
        // Page 0 again after a page whose changes all went (the rest moved up); the next page after one that kept
        // some (they stay in front). Changes skipped as rows move up are taken by the next pass.
        for (int page = 0; !stopping; page++) {
            Page<IPersistedResourceModifiedMessage> stored =
                    changes.findAllOrderedByCreatedTime(PageRequest.of(page, getLimit()));
            if (!stored.hasContent()) {
                break;
            }
            subscriptions.forceRefresh();
            Map<Boolean, List<IPersistedResourceModifiedMessage>> byMatch = stored.stream()
                    .collect(Collectors.partitioningBy(change -> subscribed.couldMatch(change.getResourceType())));
            if (stopping) {
                break; // the registry may already be going down: "no match" cannot be trusted
            }
            List<IPersistedResourceModifiedMessage> unmatched = byMatch.get(false);
            int keptHere = dropped(unmatched) ? 0 : unmatched.size();
            for (IPersistedResourceModifiedMessage change : byMatch.get(true)) {
                if (stopping) {
                    break;
                }
                if (!taken(change)) {
                    keptHere++;
                }
            }
            kept += keptHere;
            if (!stored.hasNext()) {
                break;
            }
            if (keptHere == 0) {
                page = -1;
            }
        }
        if (kept > 0) {
            log.info("{} stored change(s) could not be delivered and stay stored for a later pass", kept);
        }
    }

    /**
     * Removes, in one transaction, changes that no Subscription could match (most notifications are for LAs that
     * are not pushed theirs): what HAPI's matcher would do, one transaction and one read of the resource each.
     * True when they are gone; false when they stay stored.
     */
    private boolean dropped(List<IPersistedResourceModifiedMessage> unmatched) {
        if (unmatched.isEmpty()) {
            return true;
        }
        try {
            transactions.withSystemRequest().withPropagation(Propagation.REQUIRES_NEW).execute(status -> {
                unmatched.forEach(change -> changes.deleteByPK(change.getPersistedResourceModifiedMessagePk()));
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            log.warn("{} stored change(s) no Subscription matches kept for a later pass: {}", unmatched.size(), rootMessage(e));
            return false;
        }
    }

    /** True when the change was delivered (or another node had taken it); false when it stays stored. */
    private boolean taken(IPersistedResourceModifiedMessage change) {
        try {
            return transactions.withSystemRequest().withPropagation(Propagation.REQUIRES_NEW).execute(status -> {
                if (!changes.deleteByPK(change.getPersistedResourceModifiedMessagePk())) {
                    return true; // another node took it
                }
                try {
                    matcher.submitResourceModified(changes.createResourceModifiedMessageFromEntityWithoutInflation(change));
                    if (stopping) {
                        // The server began to stop while this change was matched: HAPI may already have taken its
                        // subscriptions and channels down, so "nothing to deliver" cannot be trusted. Kept for
                        // another node (at worst delivered twice, never lost).
                        status.setRollbackOnly();
                        return false;
                    }
                    return true;
                } catch (RuntimeException e) {
                    status.setRollbackOnly();
                    if (BackingOffDeliveryChannel.isBackingOff(e)) {
                        log.debug("Stored change {} kept: its endpoint is backing off", change.getPersistedResourceModifiedMessagePk());
                    } else {
                        log.warn("Stored change {} kept for a later pass: {}", change.getPersistedResourceModifiedMessagePk(),
                                rootMessage(e));
                    }
                    return false;
                }
            });
        } catch (RuntimeException e) {
            // The commit itself failed (e.g. the delivery's AuditEvent could not be stored): rolled back, kept.
            log.warn("Stored change {} kept for a later pass: {}", change.getPersistedResourceModifiedMessagePk(), rootMessage(e), e);
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
