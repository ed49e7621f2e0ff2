package com.nia.crmsync.web.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import com.nia.crmsync.web.security.FieldPolicy;
import com.nia.crmsync.web.security.Roles;

/** The answers of the shared mappers, written by Jackson with the field policy, as the services write them. */
class ProblemMappersTests {

    record Count(int count) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SnakeBody(String ownerEmail) {
    }

    record CamelBody(String ownerEmail) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(FieldPolicy.module(() -> Set.of(Roles.VIEWER)));
    private final ProblemMappers mappers = new ProblemMappers();
    private final UriInfo uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { UriInfo.class },
            (proxy, method, args) -> "getPath".equals(method.getName()) ? "/api/v1/things" : null);

    @Test
    void answersAProblemExceptionWithItsStatusTitleDetailAndFields() throws Exception {
        Response answer = mappers.problem(new ProblemException(Response.Status.NOT_FOUND, "Not found", "no lead 7",
                List.of(new Problem.FieldError("/id", "unknown"))), uri);

        assertThat(answer.getStatus()).isEqualTo(404);
        assertThat(answer.getMediaType()).hasToString("application/problem+json");
        assertThat(json.writeValueAsString(answer.getEntity())).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,"
                + "\"detail\":\"no lead 7\",\"instance\":\"/api/v1/things\",\"errors\":[{\"field\":\"/id\",\"message\":\"unknown\"}]}");
    }

    @Test
    void leavesOutTheErrorsOfAProblemWithoutFieldsAndKeepsATypeOfItsOwn() throws Exception {
        Response answer = mappers.problem(new ProblemException("urn:x:gone", 428, "Precondition required", "send If-Match", null), uri);

        assertThat(answer.getStatus()).isEqualTo(428);
        assertThat(json.writeValueAsString(answer.getEntity())).isEqualTo("{\"type\":\"urn:x:gone\",\"title\":\"Precondition required\","
                + "\"status\":428,\"detail\":\"send If-Match\",\"instance\":\"/api/v1/things\"}");
    }

    @Test
    void namesEachInvalidFieldAsAPointerSortedAndInTheBodysOwnNaming() throws Exception {
        Set<ConstraintViolation<?>> violations = new LinkedHashSet<>();
        violations.add(violation("create.input.ownerEmail", new SnakeBody("x"), "must be a well-formed email address"));
        violations.add(violation("list.size", null, "must be less than or equal to 500"));
        violations.add(violation("update.input.ownerEmail", new CamelBody("x"), "must not be blank"));

        Response answer = mappers.invalid(new ConstraintViolationException(violations), uri);

        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(json.writeValueAsString(answer.getEntity())).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Invalid request\","
                + "\"status\":400,\"detail\":\"3 field(s) are invalid\",\"instance\":\"/api/v1/things\",\"errors\":["
                + "{\"field\":\"/ownerEmail\",\"message\":\"must not be blank\"},"
                + "{\"field\":\"/owner_email\",\"message\":\"must be a well-formed email address\"},"
                + "{\"field\":\"/size\",\"message\":\"must be less than or equal to 500\"}]}");
    }

    @Test
    void namesThePositionOfUnreadableJson() throws Exception {
        MismatchedInputException wrongType = catchThrowableOfType(MismatchedInputException.class,
                () -> json.readValue("{\"count\":\"many\"}", Count.class));

        Response answer = mappers.mismatched(wrongType, uri);

        Map<?, ?> body = json.convertValue(answer.getEntity(), Map.class);
        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(body.get("title")).isEqualTo("Unreadable JSON");
        assertThat(body.get("detail")).isEqualTo(wrongType.getOriginalMessage());
        assertThat(body.get("errors")).isEqualTo(List.of(Map.of("field", "/count", "message", "cannot be read")));
    }

    @Test
    void pointsAtTheWholeBodyWhenTheJsonIsNotJsonAtAll() throws Exception {
        Exception broken = catchThrowableOfType(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> json.readValue("{\"count\":", Count.class));

        Map<?, ?> body = json.convertValue(mappers.unreadable((com.fasterxml.jackson.core.JsonProcessingException) broken, uri).getEntity(),
                Map.class);

        assertThat(body.get("errors")).isEqualTo(List.of(Map.of("field", "/", "message", "cannot be read")));
    }

    @Test
    void namesTheFieldOfANumberTooLargeForItEvenWhenTheReaderWrappedTheError() throws Exception {
        Exception tooLarge = catchThrowableOfType(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> json.readValue("{\"count\":999999999999999999999999999999}", Count.class));

        Response answer = mappers.web(new jakarta.ws.rs.BadRequestException(tooLarge), uri);
        Map<?, ?> body = json.convertValue(answer.getEntity(), Map.class);

        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(body.get("errors")).isEqualTo(List.of(Map.of("field", "/count", "message", "cannot be read")));
    }

    @Test
    void keepsTheStatusOfJaxRsErrorsWithTheirReasonPhrase() throws Exception {
        Response notFound = mappers.web(new NotFoundException(), uri);
        Response notAllowed = mappers.web(new NotAllowedException("GET"), uri);

        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(json.writeValueAsString(notFound.getEntity())).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\","
                + "\"status\":404,\"detail\":\"Not Found\",\"instance\":\"/api/v1/things\"}");
        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertThat(json.convertValue(notAllowed.getEntity(), Map.class).get("title")).isEqualTo("Method Not Allowed");
    }

    @Test
    void writesExtensionMembersAfterTheStandardOnesAndDropsAbsentOnes() throws Exception {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", "BUDGET_EXHAUSTED");
        extensions.put("creatioStatus", null);
        extensions.put("retryAfterSeconds", 1L);

        Problem problem = new Problem("urn:x:budget-exhausted", "Creatio call budget exhausted", 429, "spent", null, null, extensions);

        assertThat(json.writeValueAsString(problem)).isEqualTo("{\"type\":\"urn:x:budget-exhausted\",\"title\":\"Creatio call budget exhausted\","
                + "\"status\":429,\"detail\":\"spent\",\"code\":\"BUDGET_EXHAUSTED\",\"retryAfterSeconds\":1}");
        assertThat(ProblemMappers.answer(problem).getStatus()).isEqualTo(429);
    }

    private static ConstraintViolation<?> violation(String path, Object leafBean, String message) {
        Path propertyPath = (Path) Proxy.newProxyInstance(ProblemMappersTests.class.getClassLoader(), new Class<?>[] { Path.class },
                (proxy, method, args) -> "toString".equals(method.getName()) ? path : null);
        return (ConstraintViolation<?>) Proxy.newProxyInstance(ProblemMappersTests.class.getClassLoader(),
                new Class<?>[] { ConstraintViolation.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getPropertyPath" -> propertyPath;
                    case "getLeafBean" -> leafBean;
                    case "getMessage" -> message;
                    case "toString" -> path;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
