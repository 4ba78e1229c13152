DROP TABLE user_conditions;
DROP TABLE conditions;
DROP TABLE outbox;
DROP TABLE login_failures;
DROP TABLE email_tokens;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
DROP TABLE users;
