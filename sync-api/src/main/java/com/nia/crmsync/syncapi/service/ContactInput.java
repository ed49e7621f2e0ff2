package com.nia.crmsync.syncapi.service;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A contact as a client writes it (create or full replace), in NIA's canonical field names. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContactInput(
        @NotBlank @Size(max = 250) String fullName,
        @Email @Size(max = 254) String email,
        @Size(max = 40) @Pattern(regexp = "[+0-9 ()./-]*", message = "may hold digits, spaces and + ( ) . / - only") String phone,
        @Size(max = 250) String jobTitle,
        @Size(max = 250) String company) {
}
