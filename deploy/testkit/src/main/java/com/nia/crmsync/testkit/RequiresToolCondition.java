package com.nia.crmsync.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link RequiresTool}: skip on a laptop, fail under {@code CI=true}. */
public class RequiresToolCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresTool.class))
                .map(a -> evaluate(Arrays.asList(a.value()), "true".equals(System.getenv("CI")), RequiresToolCondition::onPath))
                .orElse(ConditionEvaluationResult.enabled("no tool required"));
    }

    /** The decision, apart from the environment so it can be tested. */
    static ConditionEvaluationResult evaluate(List<String> tools, boolean ci, Predicate<String> installed) {
        List<String> missing = tools.stream().filter(installed.negate()).toList();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("found " + tools);
        }
        String reason = "missing OS tool(s) " + missing + ": run deploy/setup (as root) to install them";
        if (ci) {
            throw new IllegalStateException(reason + " — under CI=true this is a failure, not a skip");
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }
}
