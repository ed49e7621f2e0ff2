package com.nia.crmsync.simulator.odata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nia.crmsync.simulator.store.Entity;

/**
 * Parses an OData 4 {@code $filter} the way Creatio accepts it and compiles it to a predicate:
 * {@code eq ne gt ge lt le and or not}, parentheses, {@code contains/startswith/endswith},
 * {@code tolower/toupper/trim}, navigation paths ({@code Contact/Id}, {@code Owner/Name}), bare
 * GUID and datetime literals. Two of Creatio's quirks live here, each switchable: a quoted
 * datetime compared to a datetime column is a 400, and a filter on a scalar lookup column
 * ({@code ContactId eq ...}) is a 500. It also reports the top-level {@code ModifiedOn} range and
 * {@code Id eq} so the query engine can use its indexes.
 */
public final class FilterParser {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z_])");
    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?(?![0-9A-Za-z_])");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?[mMdDfFlL]?(?![0-9A-Za-z_])");
    /** A filter that is only {@code Id eq <guid>} terms joined by {@code or}: the batched read of known ids. */
    private static final Pattern ID_LIST = Pattern.compile(
            "\\s*\\(?\\s*Id\\s+eq\\s+[0-9a-fA-F-]{36}(\\s+or\\s+Id\\s+eq\\s+[0-9a-fA-F-]{36})*\\s*\\)?\\s*");
    private static final Pattern GUID_IN_LIST = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_]*(/[A-Za-z_$][A-Za-z0-9_]*)*");

    /** Finds a related row for navigation paths such as {@code Owner/Name}. */
    public interface RowLookup {
        Entity find(String entitySet, UUID id);
    }

    /** What a compiled filter offers the query engine besides the predicate. */
    public static final class Result {
        public Predicate<Entity> predicate = row -> true;
        public Instant modifiedFrom;
        public boolean fromInclusive;
        public Instant modifiedTo;
        public boolean toInclusive;
        public UUID idEquals;
        /** Set when the whole filter is {@code Id eq a or Id eq b ...}: read these rows by key. */
        public Set<UUID> idIn;
    }

    private enum Kind { LPAREN, RPAREN, COMMA, STRING, GUID, DATETIME, NUMBER, WORD, EOF }

    private static final class Token {
        final Kind kind;
        final String text;
        final int pos;

        Token(Kind kind, String text, int pos) {
            this.kind = kind;
            this.text = text;
            this.pos = pos;
        }
    }

    /** A typed value source: a column path, a function of one, or a literal. */
    private static final class Operand {
        EdmType type;
        Function<Entity, Object> value;
        Token literal;
        boolean scalarLookup;
        String path;
    }

    private final EntityType type;
    private final EntityModel model;
    private final RowLookup rows;
    private final boolean quotedDatetimeIs400;
    private final boolean scalarLookupIs500;
    private List<Token> tokens;
    private int index;

    public FilterParser(EntityType type, EntityModel model, RowLookup rows, boolean quotedDatetimeIs400,
            boolean scalarLookupIs500) {
        this.type = type;
        this.model = model;
        this.rows = rows;
        this.quotedDatetimeIs400 = quotedDatetimeIs400;
        this.scalarLookupIs500 = scalarLookupIs500;
    }

    public Result parse(String filter) {
        tokens = tokenize(filter);
        index = 0;
        Result result = new Result();
        result.predicate = parseOr(result);
        expectEnd();
        if (ID_LIST.matcher(filter).matches()) {
            result.idIn = new LinkedHashSet<>();
            Matcher guid = GUID_IN_LIST.matcher(filter);
            while (guid.find()) {
                result.idIn.add(UUID.fromString(guid.group()));
            }
        }
        return result;
    }

    /** Compiles an orderby or select path to a typed value source. */
    public Function<Entity, Object> pathValue(String path) {
        return resolvePath(path, 0).value;
    }

    /** {@code hints} is non-null only while every condition seen so far must hold for a row to match. */
    private Predicate<Entity> parseOr(Result hints) {
        Predicate<Entity> left = parseAnd(hints);
        while (accept("or")) {
            if (hints != null) {
                // An or-ed condition cannot narrow the index range: forget what its first arm suggested.
                hints.modifiedFrom = null;
                hints.modifiedTo = null;
                hints.idEquals = null;
                hints = null;
            }
            Predicate<Entity> right = parseAnd(null);
            Predicate<Entity> l = left;
            left = row -> l.test(row) || right.test(row);
        }
        return left;
    }

    private Predicate<Entity> parseAnd(Result hints) {
        Predicate<Entity> left = parseUnary(hints);
        while (accept("and")) {
            Predicate<Entity> right = parseUnary(hints);
            Predicate<Entity> l = left;
            left = row -> l.test(row) && right.test(row);
        }
        return left;
    }

    private Predicate<Entity> parseUnary(Result hints) {
        if (accept("not")) {
            Predicate<Entity> inner = parseUnary(null);
            return inner.negate();
        }
        Token token = peek();
        if (token.kind == Kind.LPAREN) {
            index++;
            Predicate<Entity> inner = parseOr(null);
            expect(Kind.RPAREN, ")");
            return inner;
        }
        if (token.kind == Kind.WORD && peekAt(1).kind == Kind.LPAREN) {
            String function = token.text.toLowerCase(Locale.ROOT);
            if (function.equals("contains") || function.equals("startswith") || function.equals("endswith")) {
                return parseStringPredicate(function);
            }
        }
        Operand left = parseOperand();
        Token op = peek();
        if (op.kind == Kind.WORD && isComparison(op.text)) {
            index++;
            Operand right = parseOperand();
            return comparison(left, op, right, hints);
        }
        if (left.type == EdmType.BOOLEAN && left.value != null) {
            Function<Entity, Object> value = left.value;
            return row -> Boolean.TRUE.equals(value.apply(row));
        }
        throw syntax(op.pos, "Expected a comparison operator");
    }

    private Predicate<Entity> parseStringPredicate(String function) {
        index += 2;
        Operand subject = parseOperand();
        expect(Kind.COMMA, ",");
        Operand needle = parseOperand();
        expect(Kind.RPAREN, ")");
        if (subject.type != EdmType.STRING || needle.literal == null || needle.literal.kind != Kind.STRING) {
            throw ODataException.badRequest("No function signature for the function with name '" + function
                    + "' matches the specified arguments.");
        }
        checkScalarLookup(subject);
        String text = needle.literal.text.toLowerCase(Locale.ROOT);
        Function<Entity, Object> value = subject.value;
        switch (function) {
            case "contains":
                return row -> ((String) value.apply(row)).toLowerCase(Locale.ROOT).contains(text);
            case "startswith":
                return row -> ((String) value.apply(row)).toLowerCase(Locale.ROOT).startsWith(text);
            default:
                return row -> ((String) value.apply(row)).toLowerCase(Locale.ROOT).endsWith(text);
        }
    }

    private Operand parseOperand() {
        Token token = next();
        switch (token.kind) {
            case STRING:
            case GUID:
            case DATETIME:
            case NUMBER: {
                Operand literal = new Operand();
                literal.literal = token;
                return literal;
            }
            case WORD: {
                String lower = token.text.toLowerCase(Locale.ROOT);
                if (lower.equals("null") || lower.equals("true") || lower.equals("false")) {
                    Operand literal = new Operand();
                    literal.literal = token;
                    return literal;
                }
                if (peek().kind == Kind.LPAREN && (lower.equals("tolower") || lower.equals("toupper")
                        || lower.equals("trim"))) {
                    index++;
                    Operand inner = parseOperand();
                    expect(Kind.RPAREN, ")");
                    if (inner.type != EdmType.STRING) {
                        throw ODataException.badRequest("No function signature for the function with name '"
                                + lower + "' matches the specified arguments.");
                    }
                    Function<Entity, Object> value = inner.value;
                    Operand call = new Operand();
                    call.type = EdmType.STRING;
                    call.path = inner.path;
                    call.scalarLookup = inner.scalarLookup;
                    call.value = lower.equals("trim") ? row -> ((String) value.apply(row)).trim()
                            : lower.equals("tolower") ? row -> ((String) value.apply(row)).toLowerCase(Locale.ROOT)
                            : row -> ((String) value.apply(row)).toUpperCase(Locale.ROOT);
                    return call;
                }
                if (peek().kind == Kind.LPAREN) {
                    throw ODataException.badRequest("An unknown function with name '" + token.text
                            + "' was found. This may also be a function import or a key lookup on a navigation"
                            + " property, which is not allowed.");
                }
                return resolvePath(token.text, token.pos);
            }
            default:
                throw syntax(token.pos, "Expression expected");
        }
    }

    private Operand resolvePath(String path, int pos) {
        String[] segments = path.split("/");
        EntityType current = type;
        Function<Entity, Object> source = null;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            Column column = current.column(segment);
            if (last && column != null) {
                Operand operand = new Operand();
                operand.type = column.type();
                operand.path = path;
                // ContactId on its own is the scalar foreign key Creatio refuses; Contact/Id is the allowed form.
                operand.scalarLookup = segments.length == 1 && column.isLookup();
                int ordinal = column.ordinal();
                EdmType columnType = column.type();
                Function<Entity, Object> from = source;
                operand.value = from == null
                        ? row -> Values.orEmpty(row.get(ordinal), columnType)
                        : row -> {
                            Entity related = (Entity) from.apply(row);
                            return related == null ? Values.empty(columnType)
                                    : Values.orEmpty(related.get(ordinal), columnType);
                        };
                if (from != null && segments.length == 2 && segment.equals(EntityType.ID)) {
                    // Nav/Id needs no join: it is the foreign key itself.
                    int fk = type.navigation(segments[0]).ordinal();
                    operand.value = row -> Values.orEmpty(row.get(fk), EdmType.GUID);
                }
                return operand;
            }
            Column navigation = current.navigation(segment);
            if (navigation == null || last) {
                throw ODataException.badRequest("Could not find a property named '" + segment + "' on type '"
                        + ODataNames.qualified(current.name()) + "'.");
            }
            String targetSet = navigation.lookupSet();
            int fk = navigation.ordinal();
            Function<Entity, Object> from = source;
            source = row -> {
                Entity base = from == null ? row : (Entity) from.apply(row);
                if (base == null) {
                    return null;
                }
                UUID id = (UUID) base.get(fk);
                return id == null ? null : rows.find(targetSet, id);
            };
            current = model.type(targetSet);
        }
        throw syntax(pos, "Empty path");
    }

    private Predicate<Entity> comparison(Operand left, Token op, Operand right, Result hints) {
        String operator = op.text.toLowerCase(Locale.ROOT);
        if (left.literal != null && right.literal == null) {
            Operand swap = left;
            left = right;
            right = swap;
            operator = flip(operator);
        }
        if (left.literal != null) {
            throw ODataException.badRequest("Comparisons between two literals are not supported.");
        }
        checkScalarLookup(left);
        checkScalarLookup(right);
        Function<Entity, Object> leftValue = left.value;
        Function<Entity, Object> rightValue;
        Object constant = null;
        if (right.literal != null) {
            constant = convert(right.literal, left.type, operator);
            Object fixed = constant;
            rightValue = row -> fixed;
        } else {
            if (left.type != right.type) {
                throw incompatible(left.type.edmName(), right.type.edmName(), operator);
            }
            rightValue = right.value;
        }
        if (hints != null && constant != null) {
            if (left.path.equals(EntityType.MODIFIED_ON) && left.type == EdmType.DATETIME) {
                Instant at = (Instant) constant;
                if (operator.equals("gt") || operator.equals("ge") || operator.equals("eq")) {
                    hints.modifiedFrom = at;
                    hints.fromInclusive = !operator.equals("gt");
                }
                if (operator.equals("lt") || operator.equals("le") || operator.equals("eq")) {
                    hints.modifiedTo = at;
                    hints.toInclusive = !operator.equals("lt");
                }
            } else if (left.path.equals(EntityType.ID) && operator.equals("eq")) {
                hints.idEquals = (UUID) constant;
            }
        }
        switch (operator) {
            case "eq":
                return row -> Values.compare(leftValue.apply(row), rightValue.apply(row)) == 0;
            case "ne":
                return row -> Values.compare(leftValue.apply(row), rightValue.apply(row)) != 0;
            case "gt":
                return row -> Values.compare(leftValue.apply(row), rightValue.apply(row)) > 0;
            case "ge":
                return row -> Values.compare(leftValue.apply(row), rightValue.apply(row)) >= 0;
            case "lt":
                return row -> Values.compare(leftValue.apply(row), rightValue.apply(row)) < 0;
            default:
                return row -> Values.compare(leftValue.apply(row), rightValue.apply(row)) <= 0;
        }
    }

    private void checkScalarLookup(Operand operand) {
        if (operand.scalarLookup && scalarLookupIs500) {
            throw ODataException.serverError("Filtering by the lookup column '" + operand.path
                    + "' is not supported; filter by its navigation path ('"
                    + operand.path.substring(0, operand.path.length() - 2) + "/Id') instead.");
        }
    }

    private Object convert(Token literal, EdmType target, String operator) {
        String lower = literal.text.toLowerCase(Locale.ROOT);
        if (literal.kind == Kind.WORD && lower.equals("null")) {
            return Values.empty(target);
        }
        switch (target) {
            case GUID:
                if (literal.kind == Kind.GUID) {
                    return UUID.fromString(literal.text);
                }
                break;
            case STRING:
                if (literal.kind == Kind.STRING) {
                    return literal.text;
                }
                break;
            case DATETIME:
                if (literal.kind == Kind.DATETIME) {
                    return datetime(literal);
                }
                if (literal.kind == Kind.STRING && !quotedDatetimeIs400) {
                    return datetime(literal);
                }
                break;
            case BOOLEAN:
                if (lower.equals("true") || lower.equals("false")) {
                    return Boolean.valueOf(lower);
                }
                break;
            case INT32:
            case DECIMAL:
                if (literal.kind == Kind.NUMBER) {
                    return new BigDecimal(literal.text.replaceAll("[mMdDfFlL]$", ""));
                }
                break;
            default:
                break;
        }
        throw incompatible(target.edmName(), literalType(literal), operator);
    }

    private static Instant datetime(Token literal) {
        Instant instant = CreatioTime.parseOrNull(literal.text);
        if (instant == null) {
            throw ODataException.badRequest("The DateTimeOffset text '" + literal.text
                    + "' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within"
                    + " valid range.");
        }
        return instant;
    }

    private static String literalType(Token literal) {
        switch (literal.kind) {
            case STRING:
                return "Edm.String";
            case GUID:
                return "Edm.Guid";
            case DATETIME:
                return "Edm.DateTimeOffset";
            case NUMBER:
                return literal.text.contains(".") ? "Edm.Decimal" : "Edm.Int32";
            default:
                return "Edm.Boolean";
        }
    }

    private static ODataException incompatible(String left, String right, String operator) {
        return ODataException.badRequest("A binary operator with incompatible types was detected. Found operand types '"
                + left + "' and '" + right + "' for operator kind '" + operatorKind(operator) + "'.");
    }

    private static String operatorKind(String operator) {
        switch (operator) {
            case "eq":
                return "Equal";
            case "ne":
                return "NotEqual";
            case "gt":
                return "GreaterThan";
            case "ge":
                return "GreaterThanOrEqual";
            case "lt":
                return "LessThan";
            default:
                return "LessThanOrEqual";
        }
    }

    private static String flip(String operator) {
        switch (operator) {
            case "gt":
                return "lt";
            case "ge":
                return "le";
            case "lt":
                return "gt";
            case "le":
                return "ge";
            default:
                return operator;
        }
    }

    private static boolean isComparison(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "eq":
            case "ne":
            case "gt":
            case "ge":
            case "lt":
            case "le":
                return true;
            default:
                return false;
        }
    }

    private static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '(' || c == ')' || c == ',') {
                out.add(new Token(c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.COMMA, String.valueOf(c), i));
                i++;
                continue;
            }
            if (c == '\'') {
                StringBuilder value = new StringBuilder();
                int start = i++;
                while (true) {
                    if (i >= text.length()) {
                        throw syntax(start, "Unterminated string literal");
                    }
                    char d = text.charAt(i++);
                    if (d == '\'') {
                        if (i < text.length() && text.charAt(i) == '\'') {
                            value.append('\'');
                            i++;
                            continue;
                        }
                        break;
                    }
                    value.append(d);
                }
                out.add(new Token(Kind.STRING, value.toString(), start));
                continue;
            }
            Matcher guid = GUID.matcher(text).region(i, text.length());
            if (guid.lookingAt()) {
                out.add(new Token(Kind.GUID, guid.group(), i));
                i = guid.end();
                continue;
            }
            Matcher datetime = DATETIME.matcher(text).region(i, text.length());
            if (datetime.lookingAt()) {
                out.add(new Token(Kind.DATETIME, datetime.group(), i));
                i = datetime.end();
                continue;
            }
            Matcher number = NUMBER.matcher(text).region(i, text.length());
            if (number.lookingAt()) {
                out.add(new Token(Kind.NUMBER, number.group(), i));
                i = number.end();
                continue;
            }
            Matcher word = WORD.matcher(text).region(i, text.length());
            if (word.lookingAt()) {
                if (word.end() < text.length() && text.charAt(word.end()) == '\'') {
                    // guid'...' and datetime'...' are OData 3 literals; Creatio's OData 4 endpoint rejects them.
                    throw syntax(i, "Unrecognized literal '" + word.group() + "'");
                }
                out.add(new Token(Kind.WORD, word.group(), i));
                i = word.end();
                continue;
            }
            throw syntax(i, "Syntax error");
        }
        out.add(new Token(Kind.EOF, "", text.length()));
        return out;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token peekAt(int offset) {
        return tokens.get(Math.min(index + offset, tokens.size() - 1));
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind != Kind.EOF) {
            index++;
        }
        return token;
    }

    private boolean accept(String keyword) {
        Token token = peek();
        if (token.kind == Kind.WORD && token.text.equalsIgnoreCase(keyword)) {
            index++;
            return true;
        }
        return false;
    }

    private void expect(Kind kind, String what) {
        Token token = next();
        if (token.kind != kind) {
            throw syntax(token.pos, "'" + what + "' expected");
        }
    }

    private void expectEnd() {
        Token token = peek();
        if (token.kind != Kind.EOF) {
            throw syntax(token.pos, "Syntax error");
        }
    }

    private static ODataException syntax(int position, String message) {
        return ODataException.badRequest(message + " at position " + position + " in $filter.");
    }
}
