import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { User } from '@relay/shared';
import type { Request } from 'express';
import { CurrentUser, Public, RequestId } from '../../common/current-user.js';
import { UuidPipe } from '../../common/validation.js';
import type { UploadedFileInfo } from '../cards/attachments.service.js';
import { AnswerRequestDto, CreateShareDto } from './dto/track.dto.js';
import { TrackService } from './track.service.js';

/** The card's link for its customer (staff). */
@ApiTags('customer view')
@Controller('cards/:id/share')
export class CardShareController {
  constructor(private readonly track: TrackService) {}

  @Post()
  share(@Param('id', UuidPipe) id: string, @Body() dto: CreateShareDto, @CurrentUser() user: User, @RequestId() rid: string | null) {
    return this.track.share(id, dto, user, rid);
  }

  @Get()
  info(@Param('id', UuidPipe) id: string) {
    return this.track.info(id);
  }

  @Delete()
  @HttpCode(204)
  async revoke(@Param('id', UuidPipe) id: string, @CurrentUser() user: User, @RequestId() rid: string | null): Promise<void> {
    await this.track.revoke(id, user, rid);
  }
}

/** The customer's tracker: no session, the link's token is the only key. */
@ApiTags('customer view')
@Public()
@Controller('track/:token')
export class TrackController {
  constructor(private readonly track: TrackService) {}

  /** `?refresh=1`: the open page fetching again after a live change; not counted as a visit. */
  @Get()
  view(@Param('token') token: string, @Query('refresh') refresh: string | undefined, @Req() req: Request) {
    return this.track.view(token, address(req), refresh === '1');
  }

  @Put('requests/:itemId')
  answer(@Param('token') token: string, @Param('itemId', UuidPipe) itemId: string, @Body() dto: AnswerRequestDto, @Req() req: Request) {
    return this.track.answer(token, itemId, dto.value, address(req));
  }

  @Post('requests/:itemId/file')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file'))
  upload(
    @Param('token') token: string,
    @Param('itemId', UuidPipe) itemId: string,
    @UploadedFile() file: UploadedFileInfo | undefined,
    @Req() req: Request,
  ) {
    return this.track.upload(token, itemId, file, address(req));
  }
}

/** The client's address as Express sees it (honouring RELAY_TRUST_PROXY). */
const address = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
