DROP TABLE health_imports;
