"""Staff analytics measures: item analysis, observed vs predicted recall, reinforcement
lift with a confidence interval, funnels, small-group suppression, retention-check
sampling and server-rendered SVG charts. Plain values in and out, no Django."""
