import { ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export class CreateShareDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 90, description: 'Days the link works' })
  @IsOptional()
  @IsInt({ message: 'expiresInDays must be a whole number of days' })
  @Min(1, { message: 'expiresInDays must be between 1 and 365' })
  @Max(365, { message: 'expiresInDays must be between 1 and 365' })
  expiresInDays?: number;

  @ApiPropertyOptional({ description: "Also email the link to the card's contact" })
  @IsOptional()
  @IsBoolean({ message: 'email must be true or false' })
  email?: boolean;
}

export class AnswerRequestDto {
  @ApiPropertyOptional({ description: "The answer, by the request's kind (as the checklist's values; signoff: {name, accepted: true})" })
  @Allow()
  value: unknown;
}
