package com.nia.crmsync.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the tail of every process's log when a system test fails, so CI output explains it. */
public class LogsOnFailure implements TestWatcher {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        SystemStack.get().logs().forEach((name, file) -> {
            System.out.println("----- last lines of " + name + " (" + file + ") -----");
            tail(file, 40).forEach(System.out::println);
        });
    }

    private static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(unreadable: " + e + ")");
        }
    }
}
