package com.nia.crmsync.messaging.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A message waiting in the outbox: committed with the change that caused it, published by the relay. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    @Column(nullable = false)
    public String payload;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public java.util.Map<String, String> headers = new java.util.HashMap<>();

    /** The W3C trace context of the transaction that wrote the row; null when it had none. */
    public String traceparent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();
}
