import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class SaveFileDto {
  @ApiProperty({
    description:
      'The whole script text. At most the program limit (MAX_PROGRAM_BYTES, 1 MiB by default) in UTF-8 bytes; an empty string is a valid (empty) file.',
    example: 'logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x); logPrint("Test complete");',
  })
  // The byte limit is checked by the service (413 FILE_TOO_LARGE), not by a character count here.
  @IsString()
  content!: string;

  @ApiPropertyOptional({
    description:
      'The version of the file this content replaces (the X-File-Version of the GET or PUT it came from). ' +
      'When the file is at another version (saved elsewhere since) or gone, the save answers 409 FILE_CHANGED and changes nothing. ' +
      'Without it the save creates or overwrites unconditionally.',
    example: 3,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2 ** 31 - 1)
  version?: number;
}
