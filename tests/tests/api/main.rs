//! Every black-box API test, compiled into one binary (faster linking).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod actors;
mod apple_health;
mod audit;
mod cli;
mod communities;
mod demo;
mod hardening;
mod health;
mod helpers;
mod jobs;
mod layers;
mod matrix;
mod measurements;
mod migrations;
mod openapi;
mod pagination;
mod questionnaires;
mod replicas;
mod research;
mod security;
mod shutdown;
mod tracking;
mod typed_states;
mod web;
