DROP TABLE researcher_applications;
