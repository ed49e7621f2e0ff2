package com.nia.crmsync.syncapi.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;

import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.wire.WireEnum;
import com.nia.crmsync.web.problem.Problem;

/**
 * The seed's {@code meeting_data} as {@code POST /api/v1/crm/sync/create-activity/} takes it: the
 * contract's {@link MeetingEnded} in snake_case, read by the contract's JSON settings with a
 * snake_case naming strategy, then validated whole like an event. Lenient where the seed is: a
 * missing {@code revision} is 0, a participant without {@code internal} is internal when its email
 * has the organizer's domain, priority and sentiment in any case (one that is none of the
 * contract's names is reported, not a read failure).
 */
final class MeetingData {

    private static final ObjectMapper MAPPER = Json.newMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule("meeting-data")
                    .addDeserializer(MeetingEnded.Priority.class, new AnyCase<>(MeetingEnded.Priority.class))
                    .addDeserializer(MeetingEnded.Sentiment.class, new AnyCase<>(MeetingEnded.Sentiment.class)));

    private MeetingData() {
    }

    /**
     * The event {@code data} stands for; a priority or sentiment that is none of the contract's names
     * is added to {@code errors} (pointer relative to {@code meeting_data}).
     *
     * @throws JsonProcessingException when a field cannot be read as its type
     */
    static MeetingEnded read(JsonNode data, List<Problem.FieldError> errors) throws JsonProcessingException {
        MeetingEnded read = MAPPER.treeToValue(data, MeetingEnded.class);
        for (int i = 0; read.actionItems() != null && i < read.actionItems().size(); i++) {
            MeetingEnded.ActionItem a = read.actionItems().get(i);
            unknown(a == null ? null : a.priority(), data.path("action_items").path(i).path("priority"),
                    MeetingEnded.Priority.class, "/action_items/" + i + "/priority", errors);
        }
        for (int i = 0; read.competitorMentions() != null && i < read.competitorMentions().size(); i++) {
            MeetingEnded.CompetitorMention c = read.competitorMentions().get(i);
            unknown(c == null ? null : c.sentiment(), data.path("competitor_mentions").path(i).path("sentiment"),
                    MeetingEnded.Sentiment.class, "/competitor_mentions/" + i + "/sentiment", errors);
        }
        String organizerDomain = read.organizer() == null ? null : domainOf(read.organizer().email());
        List<MeetingEnded.Participant> people = read.participants() == null ? null : new ArrayList<>();
        for (int i = 0; read.participants() != null && i < read.participants().size(); i++) {
            MeetingEnded.Participant p = read.participants().get(i);
            people.add(p == null || p.internal() != null ? p : new MeetingEnded.Participant(p.name(), p.email(), p.company(),
                    p.jobTitle(), organizerDomain != null && organizerDomain.equals(domainOf(p.email()))));
        }
        return new MeetingEnded(read.meetingId(), read.revision() == null ? 0L : read.revision(), read.title(), read.startedAt(),
                read.endedAt(), read.organizer(), people, read.leadId(), read.summary(), read.meetingType(),
                read.qualificationInsights(), read.estimatedBudget(), read.currency(), read.actionItems(), read.competitorMentions());
    }

    /** A value was given ({@code given} not blank) that names none of the type's constants: read as null, reported here. */
    private static <E extends Enum<E> & WireEnum> void unknown(E read, JsonNode given, Class<E> type, String field,
            List<Problem.FieldError> errors) {
        if (read == null && given.isValueNode() && !given.isNull() && !given.asText().isBlank()) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).toList();
            errors.add(new Problem.FieldError(field, "must be one of " + String.join(", ", names)));
        }
    }

    private static String domainOf(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** A contract enum in any case and with surrounding spaces; blank or unknown is null (see {@link #unknown}). */
    private static final class AnyCase<E extends Enum<E> & WireEnum> extends JsonDeserializer<E> {

        private final Class<E> type;

        AnyCase(Class<E> type) {
            this.type = type;
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isScalarValue()) {
                return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            String value = p.getValueAsString();
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return WireEnum.fromWire(type, value.strip().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
