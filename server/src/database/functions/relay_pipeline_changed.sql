-- NOTIFY relay_pipeline_changed on every change to a pipeline's shape (lanes, checklist items, its name), whoever
-- makes it: each instance drops its cached configuration (PipelineRepository). Not on every UPDATE of pipelines:
-- each claim bumps pipelines.last_seq.
CREATE OR REPLACE FUNCTION public.relay_pipeline_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_notify('relay_pipeline_changed', '');
  RETURN NULL;
END;
$function$;

CREATE OR REPLACE TRIGGER checklist_items_changed AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.checklist_items FOR EACH STATEMENT EXECUTE FUNCTION relay_pipeline_changed();

CREATE OR REPLACE TRIGGER lanes_changed AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.lanes FOR EACH STATEMENT EXECUTE FUNCTION relay_pipeline_changed();

CREATE OR REPLACE TRIGGER pipelines_changed AFTER INSERT OR DELETE OR UPDATE OF name ON public.pipelines FOR EACH STATEMENT EXECUTE FUNCTION relay_pipeline_changed();
