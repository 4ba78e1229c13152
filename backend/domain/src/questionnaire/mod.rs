//! Questionnaire definitions, validation and scoring (DESIGN §6.4).
