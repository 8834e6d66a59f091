"""Where a report comes from: China's administrative divisions, and each report's place among them."""
