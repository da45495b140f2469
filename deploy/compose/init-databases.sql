-- One database per service: each service owns its schema and never reads another's (ARCHITECTURE.md).
CREATE DATABASE moderation;
CREATE DATABASE archive;
CREATE DATABASE notifier;
