package uk.cpis.fhir.retention;

import java.util.List;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Reference;

/**
 * One expired plan and what goes with it: its flags and the access notifications about them.
 *
 * @param patient the child (or, for an unborn-child plan, the mother), who is kept: a literal reference with the
 *     NHS number as identifier
 */
record PlanRecords(EpisodeOfCare plan, Reference patient, List<Flag> flags, List<Communication> notifications) {}
