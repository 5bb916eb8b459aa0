package io.tollgate.deploy.demo;

/** The demo could not go on: a service refused a step, or an asynchronous step did not happen in time. */
public final class DemoFailure extends RuntimeException {

    public DemoFailure(String message) {
        super(message);
    }
}
