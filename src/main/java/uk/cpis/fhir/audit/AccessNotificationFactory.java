package uk.cpis.fhir.audit;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import uk.cpis.fhir.access.CallerClaims;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.Profiles;

/**
 * Builds the {@code cpis-access-notification} Communication that tells one local authority a clinician in
 * unscheduled care opened its child's record: from the care setting, to the LA, the plan's social worker (its post
 * while held; the care manager where the plan names no post) and team,
 * about the flags and plans, with the time and plan type in words.
 */
final class AccessNotificationFactory {

    private static final String COMMUNICATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/communication-category";

    /**
     * @param flags the patient's active flags authored by one LA, with their plans
     * @param heldPosts the plans' social workers' posts still held (by reference): the worker in post is addressed
     * @param accessId the same for every notification of one request: the access history counts accesses by it
     */
    Communication build(CallerClaims caller, AuditedPatient patient, List<ActiveFlag> flags, Set<String> heldPosts,
            Instant sent, String accessId) {
        Communication notification = new Communication();
        notification.getMeta().addProfile(Profiles.ACCESS_NOTIFICATION);
        notification.addIdentifier(new Identifier().setSystem(Identifiers.ACCESS).setValue(accessId));
        notification.setStatus(Communication.CommunicationStatus.COMPLETED);
        notification.addCategory(new CodeableConcept(
                new Coding(COMMUNICATION_CATEGORY, "notification", "Notification")));
        Reference subject = new Reference(patient.reference());
        if (patient.nhsNumber() != null) {
            subject.setIdentifier(new Identifier().setSystem(Identifiers.NHS_NUMBER).setValue(patient.nhsNumber()));
        }
        notification.setSubject(subject);
        notification.setSent(Date.from(sent));
        notification.setSender(new Reference().setType("Organization").setIdentifier(
                new Identifier().setSystem(Identifiers.ODS_CODE).setValue(caller.organisation())));

        Set<String> recipients = new LinkedHashSet<>();
        recipients.add(flags.get(0).localAuthority());
        for (ActiveFlag flag : flags) {
            notification.addAbout(new Reference(flag.flagReference()));
            if (flag.plan() != null) {
                notification.addAbout(new Reference(flag.plan().getIdElement().toUnqualifiedVersionless().getValue()));
                Optional<String> post = SocialWorkerPosts.of(flag.plan());
                if (post.isPresent()) {
                    // The worker's post, while held; a worker who has left is not told (the LA and team are).
                    post.filter(heldPosts::contains).ifPresent(recipients::add);
                } else if (flag.plan().getCareManager().getReferenceElement().hasIdPart()) {
                    recipients.add(flag.plan().getCareManager().getReferenceElement().toUnqualifiedVersionless().getValue());
                }
                for (Reference team : flag.plan().getTeam()) {
                    if (team.getReferenceElement().hasIdPart() && "CareTeam".equals(team.getReferenceElement().getResourceType())) {
                        recipients.add(team.getReferenceElement().toUnqualifiedVersionless().getValue());
                    }
                }
            }
        }
        recipients.forEach(r -> notification.addRecipient(new Reference(r)));

        String planTypes = flags.stream().map(ActiveFlag::planType).distinct().collect(Collectors.joining(", "));
        notification.addPayload().setContent(new StringType(
                "Care setting " + caller.organisation() + " accessed this child's CP-IS record at " + sent
                        + " (unscheduled care). Plan: " + planTypes + "."));
        return notification;
    }
}
