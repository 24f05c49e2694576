-- (val, frac) amount helpers the money functions use. LANGUAGE sql bodies are checked when
-- created, so this file sorts first ("amount" < every other feature name).

-- Repeatable migration (Flyway runs it after the versioned ones, again whenever this file
-- changes): the one definition of these functions. Changing an argument list or the OUT
-- columns needs a DROP FUNCTION IF EXISTS of the old signature first (CREATE OR REPLACE cannot).
-- Conventions: one function = one atomic statement; callers run it at SERIALIZABLE (or READ
-- COMMITTED where noted in the Java repository) and retry serialization failures; out_status
-- codes are the explicit codes of the Java enum named at each function (ProcedureStatus).

-- a >= b for (val, frac) amounts
CREATE OR REPLACE FUNCTION amount_ge(a_val INT8, a_frac INT4, b_val INT8, b_frac INT4) RETURNS BOOL
LANGUAGE sql IMMUTABLE AS $$ SELECT a_val > b_val OR (a_val = b_val AND a_frac >= b_frac) $$;

-- (val, frac) arithmetic; sub assumes a >= b (callers check with amount_ge first).
CREATE OR REPLACE FUNCTION amount_add(a_val INT8, a_frac INT4, b_val INT8, b_frac INT4, OUT val INT8, OUT frac INT4)
LANGUAGE sql IMMUTABLE AS $$
  SELECT a_val + b_val + (a_frac + b_frac) / 100000000, (a_frac + b_frac) % 100000000 $$;

CREATE OR REPLACE FUNCTION amount_sub(a_val INT8, a_frac INT4, b_val INT8, b_frac INT4, OUT val INT8, OUT frac INT4)
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN a_frac >= b_frac THEN a_val - b_val ELSE a_val - b_val - 1 END,
         CASE WHEN a_frac >= b_frac THEN a_frac - b_frac ELSE a_frac + 100000000 - b_frac END $$;
