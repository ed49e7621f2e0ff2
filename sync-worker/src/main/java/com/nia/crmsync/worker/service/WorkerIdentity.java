package com.nia.crmsync.worker.service;

/** Names this worker instance in results, so operators see which instance handled what. */
final class WorkerIdentity {

    private WorkerIdentity() {
    }

    static String instanceId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        return host + "/" + ProcessHandle.current().pid();
    }
}
