package dev.tlsrpt.ingest;

import java.util.List;

/** A batch that cannot be accepted as it is: answered with 400 and these errors, nothing written. */
public final class InvalidBatchException extends Exception {
    private final transient List<FieldError> errors;

    public InvalidBatchException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid batch" : errors.get(0).path() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public InvalidBatchException(String path, String message) {
        this(List.of(new FieldError(path, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
